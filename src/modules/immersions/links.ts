import { and, eq, isNull, sql } from 'drizzle-orm';
import { immersionLinks } from '../../../db/schema/index.js';
import type { DbOrTx } from '../../../db/client.js';
import { AppError, NotFoundError } from '../../core/errors.js';
import { hashToken, newToken } from '../../core/tokens.js';
import type { AgreementStatus } from '../../domain/immersion-agreement-lifecycle.js';
import { loadAgreementView } from './agreement-dto.js';

export type LinkPurpose = 'sign' | 'assess';
export type LinkRow = typeof immersionLinks.$inferSelect;

/** What a link's purpose needs of its agreement's state: a signature before it is signed, an assessment once it has run. */
const OPEN_STATES: Record<LinkPurpose, readonly AgreementStatus[]> = {
  sign: ['ready_to_sign', 'partially_signed'],
  assess: ['in_progress', 'ended'],
};

/**
 * Mints a single-use link for one person, in the caller's transaction: their earlier unused
 * links for the same purpose stop working (a re-sent link supersedes the old one). Returns the
 * raw token, to be sent once and never stored.
 */
export async function mintLink(tx: DbOrTx, input: { agreementId: string; purpose: LinkPurpose; party: string; email: string; ttlDays: number }) {
  await tx
    .update(immersionLinks)
    .set({ voidedAt: sql`now()` })
    .where(
      and(
        eq(immersionLinks.agreementId, input.agreementId),
        eq(immersionLinks.purpose, input.purpose),
        eq(immersionLinks.party, input.party),
        isNull(immersionLinks.usedAt),
        isNull(immersionLinks.voidedAt),
      ),
    );
  const { token, hash } = newToken();
  await tx.insert(immersionLinks).values({
    agreementId: input.agreementId,
    purpose: input.purpose,
    party: input.party,
    email: input.email,
    tokenHash: hash,
    expiresAt: new Date(Date.now() + input.ttlDays * 86_400_000),
  });
  return token;
}

/**
 * The link behind a token and its agreement, if it still opens: an unknown (mistyped or
 * tampered) token is 404; a link used, superseded, expired, or whose agreement has moved on
 * is 410 `link_invalid`. Pass `lock` inside a transaction that will use it.
 */
export async function openLink(db: DbOrTx, token: string, purpose: LinkPurpose, lock = false) {
  const query = db
    .select()
    .from(immersionLinks)
    .where(and(eq(immersionLinks.tokenHash, hashToken(token)), eq(immersionLinks.purpose, purpose)));
  const [link] = lock ? await query.for('update') : await query;
  if (!link) throw new NotFoundError('Link');
  const view = await loadAgreementView(db, link.agreementId);
  if (!view) throw new NotFoundError('Link');
  const gone = (why: string) => new AppError('link_invalid', why, { reason: why });
  if (link.usedAt) throw gone('used');
  if (link.voidedAt) throw gone('superseded');
  if (link.expiresAt.getTime() <= Date.now()) throw gone('expired');
  if (!OPEN_STATES[purpose].includes(view.agreement.status)) throw gone('agreement_moved_on');
  return { link, view };
}
