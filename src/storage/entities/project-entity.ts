/** A project patchproof validates proposals against: a directory, known by its real path. */
import { EntitySchema } from 'typeorm';

export interface ProjectRow {
  id: string;
  name: string;
  rootPath: string;
  createdAt: Date;
}

export const ProjectEntity = new EntitySchema<ProjectRow>({
  name: 'Project',
  tableName: 'projects',
  columns: {
    id: { type: 'varchar', length: 36, primary: true },
    name: { type: 'varchar', length: 200 },
    rootPath: { name: 'root_path', type: 'varchar', length: 4096, unique: true },
    createdAt: { name: 'created_at', type: 'datetime', createDate: true },
  },
});
