/**
 * The search layer: one interface, two real engines (Meilisearch in production, PostgreSQL
 * full-text + trigram + geo by default). Only anonymised projections ever reach an engine.
 */
export interface SearchEngine {
  readonly name: 'postgres' | 'meilisearch';
  /** Throws when the engine cannot answer. */
  health(): Promise<void>;
  close(): Promise<void>;
}
