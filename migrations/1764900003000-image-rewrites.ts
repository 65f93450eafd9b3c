/**
 * Issue 18, item 1: with each validation, what was rewritten in the image's copy of the project
 * so it builds offline (Maven POMs: versions mapped, plugins dropped, parents replaced, packages
 * installed) and why, as JSON text. Plain ADD COLUMN, as 1764700002000.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ImageRewrites1764900003000 implements MigrationInterface {
  name = 'ImageRewrites1764900003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE validations ADD COLUMN image_rewrites text NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE validations DROP COLUMN image_rewrites');
  }
}
