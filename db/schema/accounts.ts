import { ROLES } from '../../src/core/actor.js';
import { sql } from 'drizzle-orm';
import { check, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';

export const roleEnum = pgEnum('user_role', ROLES);
export const userStatusEnum = pgEnum('user_status', ['invited', 'active', 'disabled']);
export const userTokenPurposeEnum = pgEnum('user_token_purpose', ['set_password']);

/** A Mission Locale (a "structure"): advisors and organisers belong to one. */
export const structures = pgTable('structures', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  communeInsee: varchar('commune_insee', { length: 5 }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** An employer organisation, identified by its SIRET (14 digits, establishment level). */
export const employers = pgTable('employers', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  siret: varchar('siret', { length: 14 }).notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stored lower-cased and trimmed. */
    email: text('email').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    role: roleEnum('role').notNull(),
    structureId: uuid('structure_id').references(() => structures.id),
    employerId: uuid('employer_id').references(() => employers.id),
    /** Argon2id; null until the invited user sets a password. */
    passwordHash: text('password_hash'),
    status: userStatusEnum('status').notNull().default('invited'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    index('users_structure_idx').on(t.structureId),
    index('users_employer_idx').on(t.employerId),
    // A role always comes with exactly the attachment it needs.
    check(
      'users_role_attachment',
      sql`(${t.role} = 'admin' and ${t.structureId} is null and ${t.employerId} is null)
       or (${t.role} in ('advisor', 'organiser') and ${t.structureId} is not null and ${t.employerId} is null)
       or (${t.role} = 'employer' and ${t.employerId} is not null and ${t.structureId} is null)`,
    ),
  ],
);

/** Bearer tokens. Only a SHA-256 of the token is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: varchar('token_hash', { length: 64 }).notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    ip: text('ip'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Single-use links sent by e-mail (invitation to set a password). Only a hash is stored. */
export const userTokens = pgTable(
  'user_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    purpose: userTokenPurposeEnum('purpose').notNull(),
    tokenHash: varchar('token_hash', { length: 64 }).notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('user_tokens_user_idx').on(t.userId)],
);
