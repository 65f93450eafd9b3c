/** A project patchproof validates proposals against: a named directory. */
import { EntitySchema } from 'typeorm';
import { epochMs } from './bigint-number.js';

export interface ProjectRow {
  id: string;
  name: string;
  rootPath: string;
  createdAt: number;
}

export const ProjectEntity = new EntitySchema<ProjectRow>({
  name: 'Project',
  tableName: 'projects',
  columns: {
    id: { type: 'varchar', length: 36, primary: true },
    name: { type: 'varchar', length: 200, unique: true },
    rootPath: { name: 'root_path', type: 'varchar', length: 4096 },
    createdAt: epochMs('created_at'),
  },
});
