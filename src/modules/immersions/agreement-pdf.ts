import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../core/actor.js';
import type { ImmersionObjective } from '../../domain/immersion-agreement-lifecycle.js';
import { dayMinutes, totalHours } from '../../domain/immersion-rules.js';
import type { AgreementView } from './agreement-dto.js';
import { ATTENDANCE_LABELS, frenchDate, frenchDateTime, frenchHours, OBJECTIVE_LABELS, PARTY_LABELS } from './immersion-labels.js';
import { findVisibleAgreement } from './read-agreements.js';

/** The agreement as a PDF document, for whoever may read the agreement. */
export async function agreementPdf(deps: Deps, actor: Actor, id: string) {
  const view = await findVisibleAgreement(deps.db, actor, id);
  return { filename: `convention-immersion-${id}.pdf`, bytes: await renderAgreementPdf(view) };
}

const STATUS_LABELS: Record<string, string> = {
  draft: 'brouillon',
  ready_to_sign: 'à signer',
  partially_signed: 'signée en partie',
  signed: 'signée par toutes les parties',
  validated: 'validée par la Mission Locale',
  in_progress: 'en cours',
  ended: 'terminée',
  assessed: 'terminée, bilan reçu',
  rejected: 'refusée',
  cancelled: 'annulée',
};


/**
 * Lays the agreement out on A4 pages with the standard Helvetica fonts (no font file to ship):
 * they cover French (WinAnsi); a character outside it is printed as "?".
 */
export async function renderAgreementPdf(view: AgreementView): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle('Convention de PMSMP');
  doc.setLanguage('fr-FR');
  doc.setProducer('Passerelle');
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const a = view.agreement;
  const [width, height] = [595.28, 841.89];
  const margin = 50;
  let page: PDFPage = doc.addPage([width, height]);
  let y = height - margin;

  const safe = (font: PDFFont, text: string) =>
    [...text.normalize('NFC')].map((ch) => {
      try {
        font.encodeText(ch);
        return ch;
      } catch {
        return '?';
      }
    }).join('');
  const wrap = (font: PDFFont, size: number, text: string, maxWidth: number) => {
    const lines: string[] = [];
    for (const paragraph of safe(font, text).split('\n')) {
      let line = '';
      for (const word of paragraph.split(/\s+/)) {
        const candidate = line ? `${line} ${word}` : word;
        if (font.widthOfTextAtSize(candidate, size) > maxWidth && line) {
          lines.push(line);
          line = word;
        } else line = candidate;
      }
      lines.push(line);
    }
    return lines;
  };
  const write = (text: string, options: { font?: PDFFont; size?: number; x?: number; gap?: number } = {}) => {
    const font = options.font ?? regular;
    const size = options.size ?? 10;
    const x = options.x ?? margin;
    for (const line of wrap(font, size, text, width - margin - x)) {
      if (y < margin + size) {
        page = doc.addPage([width, height]);
        y = height - margin;
      }
      page.drawText(line, { x, y, size, font, color: rgb(0.1, 0.1, 0.1) });
      y -= size * 1.35;
    }
    y -= options.gap ?? 0;
  };
  const heading = (text: string) => {
    y -= 6;
    write(text, { font: bold, size: 12, gap: 2 });
  };
  const field = (label: string, value: string) => write(`${label} : ${value}`, { x: margin + 8 });

  write('Convention de période de mise en situation en milieu professionnel (PMSMP)', { font: bold, size: 15, gap: 4 });
  write(`Statut : ${STATUS_LABELS[a.status] ?? a.status}. Référence : ${a.id}`, { size: 9, gap: 6 });

  heading('Les parties');
  field('Bénéficiaire', `${view.youth.firstName} ${view.youth.lastName}, né·e le ${frenchDate(view.youth.birthDate)}, ${view.youth.email}`);
  field('Structure d’accompagnement (prescripteur)', view.structureName);
  field('Entreprise d’accueil', view.employerName);
  field('Représentant·e de l’entreprise', `${a.employerRepName} (${a.employerRepRole}), ${a.employerRepEmail}, ${a.employerRepPhone}`);
  field('Tuteur ou tutrice', `${a.tutorName} (${a.tutorRole}), ${a.tutorEmail}, ${a.tutorPhone}`);
  if (a.legalRepName) field('Représentant·e légal·e', `${a.legalRepName}, ${a.legalRepEmail}, ${a.legalRepPhone}`);

  heading('Période et horaires');
  write(`Du ${frenchDate(a.startDate)} au ${frenchDate(a.endDate)}.`, { x: margin + 8 });
  for (const day of a.schedule)
    write(`${frenchDate(day.date)} : ${day.ranges.map((r) => `${r.from}-${r.to}`).join(', ')} (${frenchHours(dayMinutes(day) / 60)})`, { x: margin + 8 });
  write(`Total : ${frenchHours(totalHours(a.schedule))} sur ${a.schedule.length} jour${a.schedule.length > 1 ? 's' : ''}.`, { font: bold, x: margin + 8 });

  heading('Contenu de l’immersion');
  field('Objectif', OBJECTIVE_LABELS[a.objective as ImmersionObjective]);
  field('Activités', a.activities);
  field('Compétences à observer', a.skillsToObserve.length ? a.skillsToObserve.join(', ') : 'non précisées');

  heading('Signatures');
  for (const s of view.signatures)
    field(
      PARTY_LABELS[s.party].replace(/^le /, 'Le '),
      s.signedAt ? `signé le ${frenchDateTime(s.signedAt)} (heure de Paris), depuis l’adresse ${s.usedFromIp && s.usedFromIp !== 'unknown' ? s.usedFromIp : 'inconnue'}` : 'pas encore signé',
    );
  if (a.validatedAt) field('Validation par la Mission Locale', frenchDateTime(a.validatedAt));
  if (a.closingReason) field(a.status === 'rejected' ? 'Motif du refus' : 'Motif de l’annulation', a.closingReason);

  if (a.assessedAt && a.attendance) {
    heading('Bilan du tuteur ou de la tutrice');
    field('Présence', ATTENDANCE_LABELS[a.attendance as keyof typeof ATTENDANCE_LABELS]);
    field('Compétences observées', (a.skillsObserved ?? []).join(', ') || 'aucune indiquée');
    field('Prêt·e à recruter', a.wouldHire ? 'oui' : 'non');
    if (a.assessmentComments) field('Commentaires', a.assessmentComments);
    field('Reçu le', frenchDateTime(a.assessedAt));
  }
  return doc.save();
}
