import type { ContractType, EducationLevel } from '../domain/youth-profile.js';

/**
 * The raw material of the demo territory (`npm run seed`): occupations young people of the
 * Loire and the Haute-Loire really look for, with the words advisors and employers use for
 * them, the names of the youth, and the invented employers. Only data here; the other files of src/seed/
 * turns it into profiles, offers and immersion slots.
 */

/** One ROME code (France Travail's occupation list) as the seed writes about it. */
export interface Occupation {
  /** How an offer or an immersion slot names the job (inclusive writing, as French offers do). */
  titles: string[];
  /** What an employer requires and a youth lists: the same words, so that matching finds them. */
  skills: string[];
  /** How a young person names a past job or placement here; "masculine|feminine" when it has two forms. */
  experienceTitles: string[];
  /** Everyday tasks: experience descriptions, offer missions, immersion activities. */
  tasks: string[];
  /** Share of offers that require a driving licence. */
  licence?: number;
  /** The diploma offers usually ask for, when there is one. */
  minEducation?: EducationLevel;
}

export const OCCUPATIONS: Record<string, Occupation> = {
  // --- Retail ---
  D1106: {
    titles: ['Vendeur·se en épicerie', 'Employé·e de commerce en alimentation', 'Vendeur·se en primeur'],
    skills: ['Accueil client', 'Encaissement', 'Mise en rayon', 'Conseil à la clientèle', "Règles d'hygiène alimentaire", 'Étiquetage des prix'],
    experienceTitles: ['Vendeur en épicerie|Vendeuse en épicerie', 'Vendeur en primeur|Vendeuse en primeur', 'Stage en supérette'],
    tasks: ['accueil et conseil des clients', 'mise en place des fruits et légumes', 'tenue de la caisse', 'contrôle des dates de péremption', 'réception des livraisons'],
  },
  D1507: {
    titles: ['Employé·e de libre-service', 'Employé·e de rayon', 'Équipier·ère de mise en rayon'],
    skills: ['Mise en rayon', 'Réception des marchandises', 'Rotation des produits', 'Utilisation du transpalette manuel', 'Inventaire', 'Accueil client'],
    experienceTitles: ['Employé libre-service|Employée libre-service', 'Employé de rayon|Employée de rayon', 'Job d’été en supermarché'],
    tasks: ['mise en rayon des produits', 'rotation des produits frais', 'facing des rayons', "participation à l'inventaire", 'réception et contrôle des palettes'],
  },
  D1505: {
    titles: ['Hôte·sse de caisse', 'Caissier·ère', 'Hôte·sse de caisse – week-end'],
    skills: ['Encaissement', 'Tenue de caisse', 'Accueil client', 'Rendu de monnaie', 'Ouverture et fermeture de caisse'],
    experienceTitles: ['Hôte de caisse|Hôtesse de caisse', 'Caissier|Caissière', 'Caissier en renfort|Caissière en renfort'],
    tasks: ['encaissement des achats', 'accueil et information des clients', 'ouverture et fermeture de la caisse', 'gestion des retours', 'tenue du point accueil'],
  },
  D1214: {
    titles: ['Vendeur·se en prêt-à-porter', 'Conseiller·ère de vente textile'],
    skills: ['Conseil à la clientèle', 'Encaissement', 'Mise en valeur des produits', 'Réassort', 'Vente additionnelle'],
    experienceTitles: ['Vendeur en boutique de vêtements|Vendeuse en boutique de vêtements', 'Vendeur prêt-à-porter|Vendeuse prêt-à-porter', 'Stage en boutique'],
    tasks: ['conseil aux clients en cabine', 'réassort de la surface de vente', 'pliage et mise en valeur des collections', 'encaissement', 'réception des colis'],
  },
  D1211: {
    titles: ['Vendeur·se en articles de sport', 'Conseiller·ère de vente cycles et randonnée'],
    skills: ['Conseil à la clientèle', 'Démonstration produit', 'Mise en rayon', 'Encaissement', 'Connaissance des pratiques sportives'],
    experienceTitles: ['Vendeur magasin de sport|Vendeuse magasin de sport', 'Stage en magasin de sport'],
    tasks: ['conseil sur le matériel de randonnée et de vélo', 'mise en rayon', 'encaissement', 'préparation des commandes retrait magasin'],
  },
  // --- Food trades ---
  D1102: {
    titles: ['Boulanger·ère', 'Apprenti·e boulanger·ère', 'Vendeur·se en boulangerie'],
    skills: ['Pétrissage', 'Façonnage du pain', 'Cuisson', 'Viennoiserie', 'Règles HACCP', 'Vente en boutique'],
    experienceTitles: ['Apprenti boulanger|Apprentie boulangère', 'Vendeur en boulangerie|Vendeuse en boulangerie', 'Stage en boulangerie'],
    tasks: ['préparation des pâtes', 'façonnage et cuisson du pain', 'fabrication des viennoiseries', 'vente en boutique', 'nettoyage du fournil'],
  },
  D1104: {
    titles: ['Pâtissier·ère', 'Apprenti·e pâtissier·ère', 'Commis pâtissier·ère'],
    skills: ['Pâte feuilletée', 'Crèmes et garnitures', 'Décoration des entremets', 'Règles HACCP', 'Cuisson'],
    experienceTitles: ['Apprenti pâtissier|Apprentie pâtissière', 'Commis pâtissier|Commis pâtissière', 'Stage en pâtisserie'],
    tasks: ['préparation des crèmes', 'montage des entremets', 'décoration des gâteaux', 'mise en vitrine'],
    minEducation: '3',
  },
  D1101: {
    titles: ['Boucher·ère', 'Apprenti·e boucher·ère', 'Employé·e de boucherie'],
    skills: ['Découpe de viande', 'Désossage', 'Préparation des commandes', 'Règles HACCP', 'Conseil à la clientèle'],
    experienceTitles: ['Apprenti boucher|Apprentie bouchère', 'Stage en boucherie'],
    tasks: ['découpe et parage des viandes', 'préparation des vitrines', 'conseil et service des clients', 'nettoyage du laboratoire'],
  },
  // --- Catering ---
  G1602: {
    titles: ['Commis de cuisine', 'Aide-cuisinier·ère', 'Cuisinier·ère'],
    skills: ['Préparations préliminaires', 'Taillage des légumes', 'Dressage des assiettes', 'Règles HACCP', 'Cuisson simple', 'Entretien du poste de travail'],
    experienceTitles: ['Commis de cuisine', 'Aide-cuisinier|Aide-cuisinière', 'Stage en cuisine'],
    tasks: ['épluchage et taillage des légumes', 'préparation des entrées et desserts', 'dressage des assiettes', 'rangement de la chambre froide', 'nettoyage de la cuisine'],
  },
  G1603: {
    titles: ['Équipier·ère polyvalent·e de restauration rapide', 'Équipier·ère de restauration'],
    skills: ['Prise de commande', 'Encaissement', 'Préparation des produits', 'Nettoyage de la salle', 'Travail en équipe', 'Respect des cadences'],
    experienceTitles: ['Équipier en restauration rapide|Équipière en restauration rapide', 'Équipier polyvalent|Équipière polyvalente', 'Job étudiant en fast-food'],
    tasks: ['prise de commande au comptoir', 'préparation des burgers et des frites', 'nettoyage de la salle', 'réception des livraisons', 'service au drive'],
  },
  G1803: {
    titles: ['Serveur·se en restauration', 'Commis de salle', 'Serveur·se en brasserie'],
    skills: ['Service à l’assiette', 'Prise de commande', 'Dressage des tables', 'Accueil client', 'Encaissement', 'Port de plateau'],
    experienceTitles: ['Serveur en brasserie|Serveuse en brasserie', 'Serveur saisonnier|Serveuse saisonnière', 'Commis de salle'],
    tasks: ['mise en place de la salle', 'prise de commande', 'service des plats et des boissons', 'débarrassage des tables', 'encaissement des additions'],
  },
  G1605: {
    titles: ['Plongeur·se', 'Plongeur·se – aide de cuisine'],
    skills: ['Plonge', 'Entretien de la batterie de cuisine', 'Nettoyage des locaux', 'Tri des déchets', 'Règles HACCP'],
    experienceTitles: ['Plongeur en restaurant|Plongeuse en restaurant', 'Plongeur en cuisine collective|Plongeuse en cuisine collective'],
    tasks: ['plonge et rangement de la vaisselle', 'nettoyage de la batterie de cuisine', 'entretien des sols', 'aide aux préparations simples'],
  },
  G1607: {
    titles: ['Employé·e de restauration collective', 'Agent·e de restauration scolaire'],
    skills: ['Service en self', 'Mise en place', 'Remise en température', 'Règles HACCP', 'Plonge'],
    experienceTitles: ['Agent de restauration scolaire|Agente de restauration scolaire', 'Employé de cantine|Employée de cantine'],
    tasks: ['service des repas au self', 'remise en température des plats', 'mise en place de la salle', 'plonge', 'nettoyage du réfectoire'],
  },
  // --- Hotels ---
  G1501: {
    titles: ['Employé·e d’étage', 'Femme / valet de chambre'],
    skills: ['Nettoyage des chambres', 'Faire les lits', 'Réassort des produits d’accueil', 'Entretien du linge', 'Travail en autonomie'],
    experienceTitles: ['Valet de chambre saisonnier|Femme de chambre saisonnière', 'Employé d’étage|Employée d’étage'],
    tasks: ['nettoyage et remise en état des chambres', 'changement du linge', 'réassort des produits d’accueil', "entretien des parties communes"],
  },
  G1703: {
    titles: ['Réceptionniste', 'Réceptionniste de nuit'],
    skills: ['Accueil client', 'Gestion des réservations', 'Standard téléphonique', 'Encaissement', 'Accueil en anglais'],
    experienceTitles: ['Réceptionniste en hôtel', 'Stage à la réception'],
    tasks: ['accueil des clients', 'gestion des arrivées et départs', 'prise de réservations', 'facturation', 'réponse au téléphone'],
  },
  // --- Logistics ---
  N1103: {
    titles: ['Préparateur·rice de commandes', 'Magasinier·ère', 'Opérateur·rice logistique'],
    skills: ['Préparation de commandes', 'Lecture de bons de commande', 'Utilisation d’un scanner', 'Transpalette électrique', 'Emballage', 'Respect des cadences'],
    experienceTitles: ['Préparateur de commandes intérimaire|Préparatrice de commandes intérimaire', 'Préparateur de commandes|Préparatrice de commandes', 'Magasinier|Magasinière'],
    tasks: ['préparation des commandes au scanner', 'filmage et étiquetage des palettes', 'réception et contrôle des marchandises', 'rangement en stock'],
  },
  N1105: {
    titles: ['Manutentionnaire', 'Agent·e de quai', 'Manutentionnaire – tri de colis'],
    skills: ['Manutention de charges', 'Chargement et déchargement', 'Gestes et postures', 'Tri de colis', 'Utilisation du transpalette manuel'],
    experienceTitles: ['Manutentionnaire en intérim', 'Agent de quai|Agente de quai', 'Déménageur|Déménageuse'],
    tasks: ['chargement et déchargement des camions', 'tri des colis', 'manutention de charges', 'rangement du quai'],
  },
  N1101: {
    titles: ['Cariste', 'Cariste – CACES 3'],
    skills: ['CACES R489 catégorie 3', 'Chargement des camions', 'Stockage en hauteur', 'Inventaire', 'Gestion des emplacements'],
    experienceTitles: ['Cariste en intérim', 'Cariste'],
    tasks: ['chargement des camions au chariot', 'stockage en hauteur', 'inventaires tournants', 'approvisionnement des lignes'],
  },
  N1113: {
    titles: ['Préparateur·rice au drive', 'Employé·e drive'],
    skills: ['Préparation de commandes', 'Utilisation d’un scanner', 'Respect de la chaîne du froid', 'Accueil client'],
    experienceTitles: ['Préparateur au drive|Préparatrice au drive', 'Employé drive|Employée drive'],
    tasks: ['préparation des commandes drive', 'respect de la chaîne du froid', 'remise des commandes aux clients'],
  },
  N4105: {
    titles: ['Chauffeur·se-livreur·se VL', 'Livreur·se de colis'],
    skills: ['Conduite de véhicule utilitaire', 'Livraison de colis', 'Lecture de plan et GPS', 'Relation client', 'Chargement du véhicule'],
    experienceTitles: ['Livreur de colis|Livreuse de colis', 'Chauffeur-livreur|Chauffeuse-livreuse'],
    tasks: ['chargement du véhicule', 'livraison des colis en tournée', 'remise en main propre et signature', 'retour des invendus'],
    licence: 1,
  },
  H3302: {
    titles: ['Agent·e de conditionnement', 'Opérateur·rice de conditionnement'],
    skills: ['Conditionnement de produits', 'Étiquetage', 'Contrôle qualité visuel', 'Respect des cadences', 'Travail en équipe'],
    experienceTitles: ['Agent de conditionnement|Agente de conditionnement', 'Opérateur en usine|Opératrice en usine'],
    tasks: ['mise en carton des produits', 'étiquetage des lots', 'contrôle visuel en bout de ligne', 'approvisionnement de la ligne'],
  },
  // --- Care ---
  J1301: {
    titles: ['Agent·e de service hospitalier (ASH)', 'ASH en EHPAD'],
    skills: ['Bionettoyage', 'Entretien des chambres', 'Distribution des repas', 'Hygiène hospitalière', 'Écoute des résidents'],
    experienceTitles: ['ASH en EHPAD', 'Agent de service hospitalier|Agente de service hospitalier', 'Stage en maison de retraite'],
    tasks: ['bionettoyage des chambres', 'service des repas aux résidents', 'entretien des espaces communs', 'aide aux animations'],
  },
  K1302: {
    titles: ['Assistant·e de vie', 'Auxiliaire de vie à domicile', 'Aide à domicile'],
    skills: ['Aide à la toilette', 'Aide aux repas', 'Entretien du logement', 'Accompagnement aux courses', 'Écoute et bienveillance', 'Gestes de premiers secours'],
    experienceTitles: ['Aide à domicile', 'Auxiliaire de vie', 'Stage en service d’aide à domicile'],
    tasks: ['aide au lever et à la toilette', 'préparation des repas', 'entretien du logement', 'accompagnement aux courses et rendez-vous'],
    licence: 0.5,
  },
  J1501: {
    titles: ['Aide-soignant·e', 'Aide-soignant·e de nuit'],
    skills: ['Soins d’hygiène et de confort', 'Prise des constantes', 'Aide à la mobilité', 'Transmissions', 'Hygiène hospitalière'],
    experienceTitles: ['Aide-soignant en stage|Aide-soignante en stage', 'Faisant fonction d’aide-soignant|Faisant fonction d’aide-soignante'],
    tasks: ['soins d’hygiène et de confort', 'aide aux déplacements', 'surveillance des résidents', 'transmissions à l’équipe'],
    minEducation: '4',
  },
  K1304: {
    titles: ['Employé·e familial·e', 'Aide ménager·ère à domicile'],
    skills: ['Entretien du logement', 'Repassage', 'Préparation des repas', 'Courses'],
    experienceTitles: ['Aide ménager|Aide ménagère', 'Employé familial|Employée familiale'],
    tasks: ['entretien du logement', 'repassage', 'courses et préparation de repas simples'],
    licence: 0.3,
  },
  // --- Childcare ---
  K1303: {
    titles: ['Garde d’enfants à domicile', 'Agent·e d’accueil petite enfance'],
    skills: ['Garde d’enfants', 'Préparation des repas d’enfants', 'Aide aux devoirs', 'Activités d’éveil', 'Sécurité des enfants'],
    experienceTitles: ['Baby-sitting', 'Garde d’enfants', 'Animateur en centre de loisirs|Animatrice en centre de loisirs'],
    tasks: ['sortie d’école et goûter', 'aide aux devoirs', 'jeux et activités d’éveil', 'bain et coucher des enfants'],
    minEducation: '3',
  },
  K1307: {
    titles: ['Animateur·rice petite enfance', 'Animateur·rice périscolaire'],
    skills: ['Activités d’éveil', 'Animation de groupe', 'Sécurité des enfants', 'Accueil des parents'],
    experienceTitles: ['Animateur périscolaire|Animatrice périscolaire', 'Animateur en centre de loisirs (BAFA)|Animatrice en centre de loisirs (BAFA)'],
    tasks: ['animation d’activités manuelles', 'surveillance de la cour', 'accueil des parents', 'encadrement des repas'],
  },
  J1304: {
    titles: ['Auxiliaire de puériculture', 'Auxiliaire petite enfance en crèche'],
    skills: ['Soins d’hygiène de l’enfant', 'Activités d’éveil', 'Préparation des biberons', 'Observation de l’enfant'],
    experienceTitles: ['Stage en crèche', 'Aide auxiliaire en multi-accueil'],
    tasks: ['change et soins des enfants', 'préparation des biberons et des repas', 'activités d’éveil', 'accueil des familles'],
    minEducation: '4',
  },
  // --- Building ---
  F1704: {
    titles: ['Manœuvre du bâtiment', 'Aide-maçon·ne', 'Ouvrier·ère polyvalent·e du bâtiment'],
    skills: ['Port de charges', 'Préparation du chantier', 'Gâchage du mortier', 'Port des EPI', 'Nettoyage du chantier'],
    experienceTitles: ['Manœuvre en intérim', 'Aide-maçon|Aide-maçonne', 'Stage sur chantier'],
    tasks: ['approvisionnement du chantier', 'gâchage du mortier', 'démolition et évacuation des gravats', 'nettoyage du chantier'],
    licence: 0.2,
  },
  F1703: {
    titles: ['Maçon·ne', 'Apprenti·e maçon·ne'],
    skills: ['Montage de murs en parpaings', 'Coffrage', 'Lecture de plans', 'Gâchage du mortier', 'Pose d’enduit'],
    experienceTitles: ['Apprenti maçon|Apprentie maçonne', 'Maçon en CDD|Maçonne en CDD'],
    tasks: ['montage de murs', 'coffrage et coulage de dalles', 'pose d’enduits', 'lecture de plans simples'],
    licence: 0.2,
  },
  F1606: {
    titles: ['Peintre en bâtiment', 'Apprenti·e peintre'],
    skills: ['Préparation des supports', 'Ponçage', 'Peinture au rouleau', 'Pose de papier peint', 'Protection du chantier'],
    experienceTitles: ['Apprenti peintre|Apprentie peintre', 'Peintre en bâtiment'],
    tasks: ['protection des sols et des meubles', 'rebouchage et ponçage', 'mise en peinture des murs et plafonds', 'pose de papier peint'],
  },
  F1602: {
    titles: ['Électricien·ne du bâtiment', 'Aide-électricien·ne', 'Apprenti·e électricien·ne'],
    skills: ['Tirage de câbles', 'Raccordement électrique', 'Lecture de schémas électriques', 'Habilitation électrique B0', 'Pose de gaines'],
    experienceTitles: ['Apprenti électricien|Apprentie électricienne', 'Aide-électricien|Aide-électricienne'],
    tasks: ['passage des gaines', 'tirage de câbles', 'pose des prises et interrupteurs', 'raccordement du tableau'],
    licence: 0.3,
    minEducation: '3',
  },
  F1604: {
    titles: ['Plaquiste', 'Aide-plaquiste'],
    skills: ['Pose de plaques de plâtre', 'Montage d’ossatures métalliques', 'Bandes et enduits', 'Isolation'],
    experienceTitles: ['Aide-plaquiste', 'Plaquiste en intérim'],
    tasks: ['montage des rails et montants', 'pose des plaques de plâtre', 'pose de l’isolant', 'réalisation des bandes'],
  },
  // --- Hairdressing and beauty ---
  D1202: {
    titles: ['Coiffeur·se', 'Apprenti·e coiffeur·se', 'Coiffeur·se mixte'],
    skills: ['Shampooing', 'Coupe femme', 'Coupe homme', 'Coloration', 'Brushing', 'Vente de produits capillaires'],
    experienceTitles: ['Apprenti coiffeur|Apprentie coiffeuse', 'Stage en salon de coiffure', 'Coiffeur|Coiffeuse'],
    tasks: ['accueil des clients', 'shampooings et soins', 'brushings', 'coupes et colorations', 'entretien du salon'],
  },
  D1216: {
    titles: ['Coiffeur·se barbier·ère', 'Barbier·ère'],
    skills: ['Coupe homme', 'Dégradé', 'Taille de barbe', 'Rasage à l’ancienne', 'Accueil client'],
    experienceTitles: ['Apprenti barbier|Apprentie barbière', 'Barbier|Barbière'],
    tasks: ['coupes homme et dégradés', 'taille et entretien de barbe', 'rasage à l’ancienne', 'accueil des clients'],
  },
  D1208: {
    titles: ['Esthéticien·ne', 'Apprenti·e esthéticien·ne'],
    skills: ['Soins du visage', 'Épilation', 'Manucure', 'Conseil beauté', 'Accueil client'],
    experienceTitles: ['Stage en institut de beauté', 'Apprenti esthéticien|Apprentie esthéticienne'],
    tasks: ['soins du visage', 'épilations', 'pose de vernis', 'conseil et vente de produits'],
    minEducation: '3',
  },
  // --- Cleaning ---
  K2205: {
    titles: ['Agent·e de propreté', 'Agent·e d’entretien de bureaux', 'Agent·e de nettoyage'],
    skills: ['Nettoyage de locaux', 'Lavage des sols', 'Utilisation d’une autolaveuse', 'Dosage des produits', 'Vidage des corbeilles'],
    experienceTitles: ['Agent d’entretien|Agente d’entretien', 'Agent de propreté|Agente de propreté', 'Agent de nettoyage en entreprise|Agente de nettoyage en entreprise'],
    tasks: ['nettoyage des bureaux', 'lavage des sols', 'entretien des sanitaires', 'vidage des corbeilles', 'tri des déchets'],
  },
  K2204: {
    titles: ['Agent·e de nettoyage industriel', 'Agent·e de nettoyage en usine'],
    skills: ['Nettoyage de locaux', 'Utilisation d’une autolaveuse', 'Dosage des produits', 'Respect des protocoles d’hygiène', 'Port des EPI'],
    experienceTitles: ['Agent de nettoyage industriel|Agente de nettoyage industriel', 'Agent de nettoyage en intérim|Agente de nettoyage en intérim'],
    tasks: ['nettoyage des ateliers', 'utilisation de l’autolaveuse', 'nettoyage haute pression', 'respect des protocoles d’hygiène'],
  },
  // --- Sales ---
  D1403: {
    titles: ['Conseiller·ère commercial·e', 'Conseiller·ère de vente en téléphonie'],
    skills: ['Prospection', 'Argumentation commerciale', 'Conseil à la clientèle', 'Suivi client', 'Négociation'],
    experienceTitles: ['Vendeur en boutique de téléphonie|Vendeuse en boutique de téléphonie', 'Stage commercial'],
    tasks: ['accueil et découverte des besoins', 'présentation des offres', 'suivi des clients', 'atteinte des objectifs de vente'],
    licence: 0.3,
  },
  D1401: {
    titles: ['Assistant·e commercial·e', 'Assistant·e ADV junior'],
    skills: ['Saisie de commandes', 'Suivi des devis', 'Accueil téléphonique', 'Bureautique (Word, Excel)'],
    experienceTitles: ['Stage assistant commercial', 'Alternance en administration des ventes'],
    tasks: ['saisie des commandes', 'suivi des devis', 'réponse aux clients au téléphone', 'mise à jour des fichiers clients'],
    minEducation: '4',
  },
  // --- Mechanics ---
  I1604: {
    titles: ['Mécanicien·ne automobile', 'Apprenti·e mécanicien·ne', 'Mécanicien·ne entretien rapide'],
    skills: ['Vidange', 'Remplacement des freins', 'Montage de pneumatiques', 'Diagnostic électronique', 'Entretien courant'],
    experienceTitles: ['Apprenti mécanicien|Apprentie mécanicienne', 'Stage en garage', 'Mécanicien entretien rapide|Mécanicienne entretien rapide'],
    tasks: ['vidanges et entretiens courants', 'remplacement des plaquettes et disques', 'montage et équilibrage des pneus', 'diagnostic à la valise'],
    licence: 0.3,
  },
  I1607: {
    titles: ['Mécanicien·ne cycles et motocycles', 'Réparateur·rice de vélos'],
    skills: ['Réparation de vélos', 'Réglage des freins et dérailleurs', 'Montage de pneumatiques', 'Accueil client'],
    experienceTitles: ['Réparateur vélo en atelier associatif|Réparatrice vélo en atelier associatif', 'Stage en atelier moto'],
    tasks: ['réglage des freins et dérailleurs', 'réparation des crevaisons', 'montage des vélos neufs', 'accueil des clients à l’atelier'],
  },
  I1611: {
    titles: ['Préparateur·rice de véhicules', 'Laveur·se – préparateur·rice automobile'],
    skills: ['Nettoyage intérieur et extérieur', 'Lustrage', 'Préparation esthétique', 'Contrôle des niveaux'],
    experienceTitles: ['Préparateur de véhicules|Préparatrice de véhicules', 'Laveur en station|Laveuse en station'],
    tasks: ['nettoyage intérieur et extérieur', 'lustrage', 'contrôle des niveaux', 'convoyage sur parc'],
    licence: 0.6,
  },
  // --- Administration and reception ---
  M1602: {
    titles: ['Agent·e administratif·ve', 'Assistant·e administratif·ve'],
    skills: ['Saisie de données', 'Classement et archivage', 'Bureautique (Word, Excel)', 'Accueil téléphonique', 'Gestion du courrier'],
    experienceTitles: ['Stage en secrétariat', 'Agent administratif en CDD|Agente administrative en CDD', 'Service civique en mairie'],
    tasks: ['saisie de dossiers', 'classement et archivage', 'accueil téléphonique', 'gestion du courrier'],
    minEducation: '4',
  },
  M1601: {
    titles: ['Chargé·e d’accueil', 'Hôte·sse d’accueil', 'Standardiste'],
    skills: ['Accueil physique et téléphonique', 'Orientation du public', 'Prise de rendez-vous', 'Gestion du standard'],
    experienceTitles: ['Hôte d’accueil|Hôtesse d’accueil', 'Agent d’accueil en service civique|Agente d’accueil en service civique'],
    tasks: ['accueil et orientation du public', 'gestion du standard', 'prise de rendez-vous', 'remise des badges visiteurs'],
  },
  // --- Green spaces ---
  A1203: {
    titles: ['Agent·e d’entretien des espaces verts', 'Jardinier·ère paysagiste'],
    skills: ['Tonte', 'Taille des haies', 'Débroussaillage', 'Désherbage', 'Plantations'],
    experienceTitles: ['Agent espaces verts en chantier d’insertion|Agente espaces verts en chantier d’insertion', 'Stage en entreprise paysagiste'],
    tasks: ['tonte et débroussaillage', 'taille des haies', 'plantations', 'entretien des massifs'],
    licence: 0.3,
  },
};

/** What young people of every trade also put forward. */
export const SOFT_SKILLS = ['Ponctualité', 'Travail en équipe', 'Sens du contact', 'Rigueur', 'Autonomie', 'Polyvalence', 'Sens du service'];

export interface Sector {
  codes: string[];
  /** How often the youth of the Mission Locale aim at it (relative). */
  youthWeight: number;
  /** Open to 16–17 year-olds (mostly through apprenticeships). */
  openToMinors: boolean;
  /** Chance that an offer also has evening, night or weekend hours (day is the default). */
  schedules: { evening: number; night: number; weekend: number };
  contracts: Partial<Record<ContractType, number>>;
  hours: number[];
}

export const SECTORS: Record<string, Sector> = {
  retail: {
    codes: ['D1106', 'D1507', 'D1505', 'D1214', 'D1211'],
    youthWeight: 18, openToMinors: true,
    schedules: { evening: 0.3, night: 0, weekend: 0.7 },
    contracts: { cdd: 35, cdi: 20, apprenticeship: 15, seasonal: 10, professional_contract: 10, interim: 10 },
    hours: [20, 24, 28, 30, 35, 35],
  },
  foodTrades: {
    codes: ['D1102', 'D1104', 'D1101'],
    youthWeight: 5, openToMinors: true,
    schedules: { evening: 0, night: 0.3, weekend: 0.7 },
    contracts: { apprenticeship: 45, cdi: 25, cdd: 20, professional_contract: 10 },
    hours: [35, 35, 39],
  },
  catering: {
    codes: ['G1602', 'G1603', 'G1803', 'G1605', 'G1607'],
    youthWeight: 16, openToMinors: true,
    schedules: { evening: 0.7, night: 0.05, weekend: 0.7 },
    contracts: { cdd: 30, cdi: 25, seasonal: 20, apprenticeship: 15, interim: 10 },
    hours: [20, 24, 30, 35, 35, 39],
  },
  hotel: {
    codes: ['G1501', 'G1703'],
    youthWeight: 3, openToMinors: false,
    schedules: { evening: 0.3, night: 0.15, weekend: 0.8 },
    contracts: { seasonal: 35, cdd: 35, cdi: 20, apprenticeship: 10 },
    hours: [24, 28, 35, 35],
  },
  logistics: {
    codes: ['N1103', 'N1105', 'N1101', 'N1113', 'N4105', 'H3302'],
    youthWeight: 14, openToMinors: false,
    schedules: { evening: 0.35, night: 0.2, weekend: 0.15 },
    contracts: { interim: 45, cdd: 25, cdi: 15, professional_contract: 15 },
    hours: [35, 35, 35, 39],
  },
  care: {
    codes: ['J1301', 'K1302', 'J1501', 'K1304'],
    youthWeight: 9, openToMinors: false,
    schedules: { evening: 0.3, night: 0.1, weekend: 0.6 },
    contracts: { cdd: 35, cdi: 35, professional_contract: 15, apprenticeship: 15 },
    hours: [20, 24, 28, 30, 35],
  },
  childcare: {
    codes: ['K1303', 'K1307', 'J1304'],
    youthWeight: 7, openToMinors: true,
    schedules: { evening: 0.3, night: 0, weekend: 0.05 },
    contracts: { cdd: 35, cdi: 25, apprenticeship: 30, professional_contract: 10 },
    hours: [15, 20, 24, 30, 35],
  },
  building: {
    codes: ['F1704', 'F1703', 'F1606', 'F1602', 'F1604'],
    youthWeight: 9, openToMinors: true,
    schedules: { evening: 0, night: 0, weekend: 0.05 },
    contracts: { apprenticeship: 30, interim: 30, cdd: 15, cdi: 15, professional_contract: 10 },
    hours: [35, 35, 39],
  },
  beauty: {
    codes: ['D1202', 'D1216', 'D1208'],
    youthWeight: 6, openToMinors: true,
    schedules: { evening: 0.2, night: 0, weekend: 0.8 },
    contracts: { apprenticeship: 50, cdi: 25, cdd: 15, professional_contract: 10 },
    hours: [28, 35, 35],
  },
  cleaning: {
    codes: ['K2205', 'K2204'],
    youthWeight: 6, openToMinors: false,
    schedules: { evening: 0.6, night: 0.1, weekend: 0.15 },
    contracts: { cdi: 35, cdd: 35, interim: 20, professional_contract: 10 },
    hours: [15, 20, 24, 28, 35],
  },
  sales: {
    codes: ['D1403', 'D1401'],
    youthWeight: 4, openToMinors: false,
    schedules: { evening: 0.1, night: 0, weekend: 0.3 },
    contracts: { cdi: 30, professional_contract: 30, apprenticeship: 25, cdd: 15 },
    hours: [35, 35],
  },
  mechanics: {
    codes: ['I1604', 'I1607', 'I1611'],
    youthWeight: 6, openToMinors: true,
    schedules: { evening: 0, night: 0, weekend: 0.2 },
    contracts: { apprenticeship: 45, cdi: 25, cdd: 15, professional_contract: 15 },
    hours: [35, 35, 39],
  },
  admin: {
    codes: ['M1602', 'M1601'],
    youthWeight: 7, openToMinors: false,
    schedules: { evening: 0.05, night: 0, weekend: 0.1 },
    contracts: { cdd: 35, apprenticeship: 25, professional_contract: 20, cdi: 20 },
    hours: [24, 28, 35, 35],
  },
  greenSpaces: {
    codes: ['A1203'],
    youthWeight: 2, openToMinors: true,
    schedules: { evening: 0, night: 0, weekend: 0 },
    contracts: { cdd: 35, seasonal: 25, apprenticeship: 25, cdi: 15 },
    hours: [35, 35, 39],
  },
};
export type SectorKey = keyof typeof SECTORS;

/** What a youth may have done outside any trade. */
export const GENERIC_EXPERIENCES = [
  { title: 'Stage d’observation de troisième', description: 'Une semaine de découverte en entreprise.' },
  { title: 'Service civique', description: 'Missions auprès d’une association de quartier : accueil du public et aide aux activités.' },
  { title: 'Bénévolat associatif', description: 'Aide à la distribution alimentaire et à l’organisation d’événements.' },
  { title: 'Job d’été', description: 'Vendanges et travaux agricoles pendant l’été.' },
  { title: 'Animation en centre de loisirs', description: 'Encadrement d’enfants pendant les vacances scolaires.' },
  { title: 'Chantier éducatif', description: 'Rénovation d’un local associatif en équipe, encadré par un éducateur.' },
];

/** Turns tasks into a short description: "Stage de 4 semaines : mise en rayon, accueil des clients." */
export const EXPERIENCE_OPENINGS = ['', 'En équipe : ', 'Principalement ', 'Missions : ', 'Le matin : ', 'Polyvalence : '];

// --- People ---

/**
 * Name pools by origin, weighted roughly like the youth a Mission Locale of the Loire
 * follows. The product hides names from employers precisely so that they are not held
 * against anyone: the demo data must look like the real population, not a sanitised one.
 */
export interface NamePool {
  weight: number;
  female: string[];
  male: string[];
  last: string[];
  /** Nationalities (ISO 3166) of those who are not French citizens. */
  countries: string[];
  /** A language often spoken at home (ISO 639-1). */
  languages: string[];
}

export const NAME_POOLS: Record<string, NamePool> = {
  french: {
    weight: 52,
    female: ['Emma', 'Léa', 'Chloé', 'Manon', 'Camille', 'Jade', 'Louise', 'Clara', 'Zoé', 'Lucie', 'Maëlys', 'Océane', 'Anaïs', 'Laura', 'Justine', 'Mathilde', 'Pauline', 'Marine', 'Morgane', 'Élodie', 'Charlotte', 'Lola', 'Romane', 'Eva', 'Ambre', 'Agathe', 'Margaux', 'Célia', 'Maëva', 'Kelly', 'Cassandra', 'Estelle', 'Noémie', 'Juliette', 'Axelle'],
    male: ['Lucas', 'Hugo', 'Nathan', 'Enzo', 'Louis', 'Théo', 'Tom', 'Mathis', 'Maxime', 'Kévin', 'Dylan', 'Jordan', 'Anthony', 'Quentin', 'Romain', 'Clément', 'Baptiste', 'Alexis', 'Valentin', 'Florian', 'Axel', 'Noah', 'Jules', 'Gabriel', 'Kylian', 'Loïc', 'Thomas', 'Evan', 'Ethan', 'Sacha', 'Gaëtan', 'Arthur', 'Dorian', 'Bryan', 'Jason'],
    last: ['Martin', 'Bernard', 'Petit', 'Durand', 'Dubois', 'Moreau', 'Laurent', 'Simon', 'Michel', 'Lefebvre', 'Roux', 'Bertrand', 'Morel', 'Fournier', 'Girard', 'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Faure', 'Mercier', 'Blanc', 'Guérin', 'Boyer', 'Garnier', 'Perrin', 'Robin', 'Chambon', 'Mounier', 'Peyrard', 'Crozet', 'Béal', 'Marcoux', 'Rivollier', 'Vial', 'Tardy', 'Bruyère', 'Brosse', 'Crouzet', 'Chazelle', 'Fayolle', 'Vacher', 'Sabatier', 'Gibert', 'Delorme', 'Teyssier', 'Mathevon', 'Verney', 'Grangeon', 'Bonnefoy', 'Chapuis', 'Roche', 'Vidal', 'Payet'],
    countries: [],
    languages: [],
  },
  maghreb: {
    weight: 18,
    female: ['Yasmine', 'Inès', 'Lina', 'Nour', 'Amira', 'Salma', 'Imane', 'Kenza', 'Aya', 'Myriam', 'Sabrina', 'Nadia', 'Samira', 'Leïla', 'Khadija', 'Assia', 'Sirine', 'Rania', 'Meriem', 'Hafsa'],
    male: ['Rayan', 'Yanis', 'Mohamed', 'Karim', 'Bilal', 'Sofiane', 'Mehdi', 'Walid', 'Ilyes', 'Amine', 'Nassim', 'Samir', 'Ayoub', 'Hamza', 'Anis', 'Adam', 'Younes', 'Nabil', 'Rachid', 'Zakaria'],
    last: ['Benali', 'Haddad', 'Bouzid', 'Mansouri', 'Cherif', 'Khelifi', 'Amrani', 'Saïdi', 'Hamidi', 'Benaïssa', 'Brahimi', 'Bensalem', 'Ouali', 'Meziane', 'Zerrouki', 'El Idrissi', 'Bennani', 'Chraïbi', 'Aït Ali', 'Trabelsi', 'Ben Salah', 'Jaziri', 'Boudjema', 'Larbi'],
    countries: ['DZ', 'MA', 'TN'],
    languages: ['ar'],
  },
  westAfrica: {
    weight: 8,
    female: ['Fatoumata', 'Aïssata', 'Mariam', 'Aminata', 'Awa', 'Hawa', 'Oumou', 'Binta', 'Djeneba', 'Kadiatou', 'Ramatoulaye', 'Adama'],
    male: ['Moussa', 'Mamadou', 'Ousmane', 'Seydou', 'Boubacar', 'Ismaël', 'Souleymane', 'Cheikh', 'Youssouf', 'Ibrahima', 'Abdoulaye', 'Lamine'],
    last: ['Diallo', 'Traoré', 'Koné', 'Camara', 'Diop', 'Ndiaye', 'Sow', 'Bah', 'Keïta', 'Coulibaly', 'Sylla', 'Touré', 'Mbaye', 'Kouadio', 'Cissé', 'Fofana'],
    countries: ['SN', 'ML', 'GN', 'CI'],
    languages: ['wo', 'bm', 'ff'],
  },
  centralAfrica: {
    weight: 3,
    female: ['Grâce', 'Merveille', 'Naomie', 'Divine', 'Exaucée', 'Prisca'],
    male: ['Jonathan', 'Christ', 'Glody', 'Exaucé', 'Patrick', 'Junior'],
    last: ['Mukendi', 'Kabongo', 'Nsimba', 'Ilunga', 'Mbuyi', 'Ngoma', 'Kalonji', 'Mbala'],
    countries: ['CD', 'CG', 'CM'],
    languages: ['ln'],
  },
  portuguese: {
    weight: 5,
    female: ['Ana', 'Beatriz', 'Inês', 'Mariana', 'Sofia', 'Carolina'],
    male: ['Diego', 'Rafael', 'Tiago', 'João', 'Bruno', 'Nuno'],
    last: ['Da Silva', 'Ferreira', 'Pereira', 'Dos Santos', 'Oliveira', 'Rodrigues', 'Gonçalves', 'Fernandes', 'Lopes', 'Carvalho'],
    countries: ['PT'],
    languages: ['pt'],
  },
  italianSpanish: {
    weight: 5,
    female: ['Giulia', 'Chiara', 'Maria', 'Rosa', 'Elena', 'Lucia'],
    male: ['Mateo', 'Lorenzo', 'Marco', 'Pablo', 'Antonio', 'Enzo'],
    last: ['Rossi', 'Russo', 'Bianchi', 'Romano', 'Ferrari', 'Esposito', 'Giordano', 'Garcia', 'Martinez', 'Lopez', 'Sanchez', 'Fernandez'],
    countries: ['IT', 'ES'],
    languages: ['it', 'es'],
  },
  turkish: {
    weight: 4,
    female: ['Elif', 'Zeynep', 'Büşra', 'Merve', 'Esra', 'Melek'],
    male: ['Emre', 'Mert', 'Burak', 'Yusuf', 'Kerem', 'Enes'],
    last: ['Yilmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Öztürk', 'Aydin', 'Arslan', 'Doğan'],
    countries: ['TR'],
    languages: ['tr'],
  },
  eastAsia: {
    weight: 2,
    female: ['Linh', 'Mai', 'Thu', 'Sophea'],
    male: ['Minh', 'Quang', 'Bao', 'Dara'],
    last: ['Nguyen', 'Tran', 'Le', 'Pham', 'Sok', 'Chea'],
    countries: ['VN', 'KH'],
    languages: ['vi', 'km'],
  },
  easternEurope: {
    weight: 3,
    female: ['Tatiana', 'Daria', 'Anastasia', 'Ioana', 'Oksana'],
    male: ['Andrei', 'Bogdan', 'Artem', 'Vlad', 'Mykola'],
    last: ['Popescu', 'Ionescu', 'Kowalski', 'Nowak', 'Kovalenko', 'Shevchenko', 'Petrossian', 'Hakobyan'],
    countries: ['RO', 'PL', 'UA', 'AM'],
    languages: ['ro', 'pl', 'uk', 'hy'],
  },
};

export const STREETS = [
  'rue de la République', 'rue Jean-Jaurès', 'avenue de la Libération', 'rue Pasteur', 'rue Victor-Hugo',
  'place de l’Église', 'chemin des Vignes', 'route de Lyon', 'impasse des Lilas', 'rue du Stade',
  'rue des Écoles', 'allée des Acacias', 'rue Gambetta', 'boulevard de la Liberté', 'rue du Onze-Novembre',
  'rue de la Mine', 'rue des Tisserands', 'avenue Charles-de-Gaulle', 'rue du Marché', 'chemin de la Croix',
];

/** Fictitious e-mail domains for the youth. */
export const MAIL_DOMAINS = ['courriel.demo', 'mail.demo', 'webmail.demo'];

/**
 * Communes of the territory with priority neighbourhoods (*quartiers prioritaires de la
 * politique de la ville*, QPV): where a youth may live in one.
 */
export const QPV_COMMUNES = ['42218', '42095', '42207', '42186', '42187', '42044', '42183', '42147', '43157'];

// --- Structures and employers ---

/** The second Mission Locale: the Haute-Loire youth are followed by their own. */
export const HAUTE_LOIRE_STAFF = [
  { email: 'julien.vidal@ml-velay.demo', firstName: 'Julien', lastName: 'Vidal', role: 'advisor' as const },
  { email: 'samia.bensaid@ml-velay.demo', firstName: 'Samia', lastName: 'Bensaïd', role: 'advisor' as const },
];

export interface DemoEmployer {
  name: string;
  contact: string;
  person: [firstName: string, lastName: string];
  /** INSEE code of the commune of the establishment (and a postcode where it has several). */
  insee: string;
  postcode?: string;
  /** The ROME codes it hires for. */
  codes: string[];
  /** Relative number of offers. */
  size: 1 | 2 | 3;
  /** Takes young people for immersions. */
  immersions: boolean;
}

/** Invented organisations; the first five are the original demo employers (their logins are in the README). */
export const EMPLOYERS: DemoEmployer[] = [
  { name: 'Boulangerie du Crêt de Roc', contact: 'contact@boulangerie-cretderoc.demo', person: ['Sophie', 'Girard'], insee: '42218', postcode: '42000', codes: ['D1102', 'D1104', 'D1106'], size: 1, immersions: true },
  { name: 'Transports Gier Logistique', contact: 'rh@gier-logistique.demo', person: ['Karim', 'Haddad'], insee: '42186', codes: ['N1103', 'N1105', 'N1101', 'N4105'], size: 3, immersions: true },
  { name: 'EHPAD Les Tilleuls', contact: 'direction@ehpad-tilleuls.demo', person: ['Isabelle', 'Perrin'], insee: '42147', codes: ['J1301', 'J1501', 'G1607'], size: 2, immersions: true },
  { name: 'Garage Furan Auto', contact: 'atelier@furan-auto.demo', person: ['Thomas', 'Lopez'], insee: '42218', postcode: '42100', codes: ['I1604', 'I1611'], size: 1, immersions: true },
  { name: 'Hôtel-Restaurant Le Pilat', contact: 'accueil@hotel-pilat.demo', person: ['Mélanie', 'Chabert'], insee: '42168', codes: ['G1803', 'G1602', 'G1501', 'G1605', 'G1703'], size: 2, immersions: true },
  { name: 'Supermarché Les Halles de l’Ondaine', contact: 'recrutement@halles-ondaine.demo', person: ['Frédéric', 'Mounier'], insee: '42095', codes: ['D1507', 'D1505', 'D1106', 'N1113', 'D1101'], size: 3, immersions: true },
  { name: 'Brasserie du Cours Fauriel', contact: 'bonjour@brasserie-fauriel.demo', person: ['Nicolas', 'Bonnefoy'], insee: '42218', postcode: '42100', codes: ['G1803', 'G1602', 'G1605'], size: 2, immersions: true },
  { name: 'Salon Coiff’ Roannaise', contact: 'salon@coiff-roannaise.demo', person: ['Laetitia', 'Dumas'], insee: '42187', codes: ['D1202', 'D1216'], size: 1, immersions: true },
  { name: 'Loire Sud Distribution', contact: 'emploi@loiresud-distribution.demo', person: ['Stéphane', 'Rivollier'], insee: '42005', codes: ['N1103', 'N1105', 'N1101', 'H3302'], size: 3, immersions: true },
  { name: 'Crèche Les P’tits Lutins', contact: 'direction@ptits-lutins.demo', person: ['Aurélie', 'Vacher'], insee: '42279', codes: ['K1303', 'J1304', 'K1307'], size: 1, immersions: true },
  { name: 'Propreté Forézienne Services', contact: 'agence@proprete-forezienne.demo', person: ['Malika', 'Benaïssa'], insee: '42147', codes: ['K2205', 'K2204'], size: 2, immersions: false },
  { name: 'Chambon Frères Bâtiment', contact: 'chantiers@chambon-freres.demo', person: ['Olivier', 'Chambon'], insee: '42044', codes: ['F1704', 'F1703', 'F1604'], size: 2, immersions: true },
  { name: 'Peinture et Décors du Gier', contact: 'contact@decors-gier.demo', person: ['Patrick', 'Ferreira'], insee: '42207', codes: ['F1606', 'F1704'], size: 1, immersions: true },
  { name: 'Velay Services à Domicile', contact: 'recrutement@velay-domicile.demo', person: ['Christine', 'Boyer'], insee: '43157', codes: ['K1302', 'K1304', 'K1303'], size: 3, immersions: true },
  { name: 'Restaurant Le Vieux Puy', contact: 'cuisine@levieuxpuy.demo', person: ['Jérôme', 'Gibert'], insee: '43157', codes: ['G1803', 'G1602', 'G1605'], size: 1, immersions: true },
  { name: 'Boulangerie-Pâtisserie des Sucs', contact: 'fournil@boulangerie-sucs.demo', person: ['Cédric', 'Teyssier'], insee: '43268', codes: ['D1102', 'D1104', 'D1106'], size: 1, immersions: true },
  { name: 'Monistrol Sport Montagne', contact: 'magasin@monistrol-sport.demo', person: ['Virginie', 'Delorme'], insee: '43137', codes: ['D1211', 'D1505'], size: 1, immersions: false },
  { name: 'Électricité Roannaise Rénovation', contact: 'devis@elec-roannaise.demo', person: ['David', 'Marcoux'], insee: '42184', codes: ['F1602', 'F1704'], size: 1, immersions: true },
  { name: 'Forez Burger', contact: 'equipe@forez-burger.demo', person: ['Mehdi', 'Bouzid'], insee: '42147', codes: ['G1603'], size: 2, immersions: false },
  { name: 'Boutique Mode et Vous', contact: 'boutique@mode-et-vous.demo', person: ['Émilie', 'Fayolle'], insee: '42187', codes: ['D1214', 'D1505'], size: 1, immersions: true },
  { name: 'Hypermarché Le Grand Villars', contact: 'rh@grand-villars.demo', person: ['Sébastien', 'Crozet'], insee: '42330', codes: ['D1507', 'D1505', 'D1106', 'N1113', 'D1101'], size: 3, immersions: true },
  { name: 'Résidence Les Monts du Forez', contact: 'accueil@residence-montsforez.demo', person: ['Nathalie', 'Roche'], insee: '42302', codes: ['J1301', 'K1302', 'J1501', 'G1607'], size: 2, immersions: true },
  { name: 'Auto Service Brivadois', contact: 'garage@auto-brivadois.demo', person: ['Laurent', 'Sabatier'], insee: '43040', codes: ['I1604', 'I1611'], size: 1, immersions: true },
  { name: 'Atelier Vélo Stéphanois', contact: 'atelier@velo-stephanois.demo', person: ['Hélène', 'Brosse'], insee: '42218', postcode: '42000', codes: ['I1607', 'D1211'], size: 1, immersions: true },
  { name: 'Paysages des Gorges de la Loire', contact: 'contact@paysages-gorges-loire.demo', person: ['Guillaume', 'Verney'], insee: '43012', codes: ['A1203'], size: 1, immersions: true },
  { name: 'Ondaine Emballages', contact: 'usine@ondaine-emballages.demo', person: ['Sandrine', 'Tardy'], insee: '42316', codes: ['H3302', 'N1105', 'N1101'], size: 2, immersions: true },
  { name: 'Forez Habitat Immobilier', contact: 'agence@forez-habitat.demo', person: ['Caroline', 'Mathevon'], insee: '42094', codes: ['M1601', 'M1602', 'D1403'], size: 1, immersions: false },
  { name: 'Mutuelle Loire Solidarité', contact: 'rh@mutuelle-loire-solidarite.demo', person: ['Fabienne', 'Grangeon'], insee: '42218', postcode: '42000', codes: ['M1601', 'M1602', 'D1401', 'D1403'], size: 2, immersions: true },
  { name: 'Hôtel du Plateau de la Chaise-Dieu', contact: 'reception@hotel-plateau.demo', person: ['Bernard', 'Chapuis'], insee: '43048', codes: ['G1501', 'G1803', 'G1602', 'G1703'], size: 1, immersions: false },
  { name: 'Les Délices de Feurs', contact: 'traiteur@delices-feurs.demo', person: ['Pascal', 'Béal'], insee: '42094', codes: ['G1602', 'D1101', 'D1106'], size: 1, immersions: true },
  { name: 'Boucherie Marcoux et Fils', contact: 'boucherie@marcoux-fils.demo', person: ['Gilles', 'Marcoux'], insee: '42223', codes: ['D1101', 'D1106'], size: 1, immersions: true },
  { name: 'Institut Belle et Zen', contact: 'rdv@belle-et-zen.demo', person: ['Julie', 'Rossi'], insee: '42218', postcode: '42000', codes: ['D1208', 'D1202'], size: 1, immersions: true },
  { name: 'Barber Shop du Gier', contact: 'barber@barber-gier.demo', person: ['Sofiane', 'Khelifi'], insee: '42186', codes: ['D1216', 'D1202'], size: 1, immersions: true },
  { name: 'Transports Express Vellaves', contact: 'exploitation@express-vellaves.demo', person: ['Marc', 'Faure'], insee: '43157', codes: ['N4105', 'N1103', 'N1105'], size: 2, immersions: false },
  { name: 'Nettoyage Pro Roannais', contact: 'agence@nettoyage-roannais.demo', person: ['Fatima', 'Amrani'], insee: '42071', codes: ['K2205', 'K2204'], size: 2, immersions: true },
  { name: 'Micro-crèche Les Petits Pas', contact: 'creche@petits-pas.demo', person: ['Elsa', 'Pereira'], insee: '43137', codes: ['K1303', 'K1307', 'J1304'], size: 1, immersions: true },
  { name: 'Cuisine Centrale de l’Ondaine', contact: 'rh@cuisine-ondaine.demo', person: ['Yves', 'Chazelle'], insee: '42095', codes: ['G1607', 'G1602', 'G1605'], size: 2, immersions: true },
  { name: 'Plâtrerie Peinture Vellave', contact: 'contact@platrerie-vellave.demo', person: ['Franck', 'Oliveira'], insee: '43041', codes: ['F1604', 'F1606', 'F1704'], size: 1, immersions: true },
  { name: 'Embouteillage des Sources du Forez', contact: 'rh@sources-forez.demo', person: ['Céline', 'Lambert'], insee: '42222', codes: ['H3302', 'N1101', 'N1103', 'K2204'], size: 2, immersions: true },
  { name: 'Mairie de Charlieu – services techniques', contact: 'st@charlieu-mairie.demo', person: ['Denis', 'Perrin'], insee: '42052', codes: ['A1203', 'M1601', 'G1607'], size: 1, immersions: true },
];

/**
 * The tutor's job during an immersion, by the sector of the employer's main trade; "masculine|feminine"
 * when the title has two forms.
 */
export const TUTOR_JOBS: Record<string, string[]> = {
  retail: ['Responsable de rayon', 'Manager de caisse', 'Gérant|Gérante'],
  foodTrades: ['Artisan boulanger|Artisane boulangère', 'Chef pâtissier|Cheffe pâtissière', 'Maître artisan boucher|Maîtresse artisane bouchère'],
  catering: ['Chef de cuisine|Cheffe de cuisine', 'Responsable de salle', 'Second de cuisine|Seconde de cuisine'],
  hotel: ['Gouvernant|Gouvernante', 'Responsable de réception'],
  logistics: ['Chef d’équipe logistique|Cheffe d’équipe logistique', 'Responsable d’entrepôt', 'Chef de quai|Cheffe de quai'],
  care: ['Infirmier coordinateur|Infirmière coordinatrice', 'Responsable de secteur', 'Aide-soignant référent|Aide-soignante référente'],
  childcare: ['Éducateur de jeunes enfants|Éducatrice de jeunes enfants', 'Directeur de crèche|Directrice de crèche', 'Auxiliaire de puériculture référent|Auxiliaire de puériculture référente'],
  building: ['Chef de chantier|Cheffe de chantier', 'Compagnon maçon|Compagnonne maçonne', 'Artisan électricien|Artisane électricienne'],
  beauty: ['Responsable du salon', 'Coiffeur manager|Coiffeuse manager', 'Esthéticien|Esthéticienne'],
  cleaning: ['Chef d’équipe propreté|Cheffe d’équipe propreté', 'Responsable de site'],
  sales: ['Responsable commercial|Responsable commerciale', 'Responsable d’agence'],
  mechanics: ['Chef d’atelier|Cheffe d’atelier', 'Mécanicien référent|Mécanicienne référente'],
  admin: ['Responsable administratif|Responsable administrative', 'Assistant de direction|Assistante de direction'],
  greenSpaces: ['Chef d’équipe espaces verts|Cheffe d’équipe espaces verts'],
};

/** Offer descriptions: an opening, the missions, what the employer offers. */
export const OFFER_OPENINGS = [
  'Pour renforcer notre équipe, nous recherchons un·e {title}.',
  'Nous recrutons un·e {title} motivé·e.',
  'Entreprise locale en développement, nous cherchons un·e {title}.',
  'Vous aimez le travail bien fait ? Rejoignez-nous comme {title}.',
];
export const OFFER_CLOSINGS = [
  'Débutant·e accepté·e : vous serez formé·e par l’équipe.',
  'Première expérience appréciée mais pas indispensable.',
  'Accompagnement par un tuteur ou une tutrice à votre arrivée.',
  'Poste accessible en transports en commun.',
  'Tenue de travail fournie. Mutuelle d’entreprise.',
];
