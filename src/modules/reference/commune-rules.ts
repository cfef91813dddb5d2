import { and, ne, sql } from 'drizzle-orm';
import { communes } from '../../../db/schema/index.js';

/**
 * Which rows of `communes` a postcode designates. Delegated communes (COMD) share the INSEE
 * code of the commune they merged into, and Paris, Lyon and Marseille exist both as the city
 * and as its arrondissements (ARM): a postcode names the arrondissement, the more precise one.
 */
export const postcodeDesignates = and(
  ne(communes.type, 'COMD'),
  sql`not exists (select 1 from communes arm
                  where arm.type = 'ARM' and arm.parent_insee = ${communes.insee} and arm.postcode = ${communes.postcode})`,
);
