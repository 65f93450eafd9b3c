/**
 * All reads and writes of projects, proposals and validations. A validation's record (its row,
 * its test cases, the proposal's new status) is written in one transaction: all or nothing.
 */
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { DataSource } from 'typeorm';
import type { StoredChange } from '../changes/change.js';
import type { ValidationResult } from '../pipeline/validation-result.js';
import { reportTotals } from '../../parsers/report.js';
import { ProjectEntity, type ProjectRow } from './entities/project-entity.js';
import { ProposalEntity, type ProposalRow, type ProposalStatus } from './entities/proposal-entity.js';
import { TestCaseEntity, type TestCaseRow } from './entities/test-case-entity.js';
import { ValidationEntity, type ValidationRow } from './entities/validation-entity.js';

export interface NewProposal {
  readonly projectRoot: string;
  readonly title: string | null;
  readonly author: string | null;
  readonly changes: readonly StoredChange[];
  readonly status: ProposalStatus;
}

export interface ProposalDetail {
  readonly proposal: ProposalRow;
  readonly project: ProjectRow;
  readonly validations: readonly { readonly validation: ValidationRow; readonly tests: readonly TestCaseRow[] }[];
}

const LOG_KEEP_CHARS = 256 * 1024;

export class ProposalStore {
  constructor(private readonly db: DataSource) {}

  async createProposal(input: NewProposal): Promise<{ proposal: ProposalRow; project: ProjectRow }> {
    return this.db.transaction(async (em) => {
      let project = await em.findOne(ProjectEntity, { where: { rootPath: input.projectRoot } });
      if (project === null) {
        project = em.create(ProjectEntity, { id: randomUUID(), name: basename(input.projectRoot), rootPath: input.projectRoot });
        await em.insert(ProjectEntity, project);
      }
      const proposal = em.create(ProposalEntity, {
        id: randomUUID(),
        projectId: project.id,
        title: input.title,
        author: input.author,
        changes: [...input.changes],
        status: input.status,
        reason: null,
      });
      await em.insert(ProposalEntity, proposal);
      return { proposal, project };
    });
  }

  async recordValidation(proposalId: string, validationId: string, result: ValidationResult): Promise<void> {
    const totals = reportTotals(result.report);
    const test = result.test;
    const log = [result.build?.stdout, result.build?.stderr, test?.stdout, test?.stderr].filter((s) => s !== undefined && s !== '').join('\n');
    const row: ValidationRow = {
      id: validationId,
      proposalId,
      outcome: result.outcome,
      reason: result.reason,
      reasonCode: result.code,
      framework: result.framework,
      frameworkReason: result.frameworkReason,
      image: result.image,
      imageBuilt: result.imageBuilt,
      containerId: result.containerId,
      exitCode: test?.exitCode ?? null,
      timedOut: (test?.timedOut ?? false) || (result.build?.timedOut ?? false),
      oomKilled: result.oomKilled,
      outputLimitExceeded: test?.outputLimitExceeded ?? false,
      testsTotal: totals.total,
      testsPassed: totals.passed,
      testsFailed: totals.failed,
      testsErrors: totals.errors,
      testsSkipped: totals.skipped,
      coverageLines: result.coverage?.linesPct ?? null,
      coverageBranches: result.coverage?.branchesPct ?? null,
      durations: result.durations,
      cpuNanos: result.stats.cpuNanos,
      peakMemoryBytes: result.stats.peakMemoryBytes,
      ioReadBytes: result.stats.ioReadBytes,
      ioWriteBytes: result.stats.ioWriteBytes,
      log: log.length > LOG_KEEP_CHARS ? `${log.slice(0, LOG_KEEP_CHARS / 2)}\n[... log shortened ...]\n${log.slice(-LOG_KEEP_CHARS / 2)}` : log,
      startedAt: result.startedAt,
      finishedAt: result.finishedAt,
    };
    const cases: TestCaseRow[] = (result.report?.cases ?? []).map((c) => ({
      validationId,
      suite: c.suite,
      name: c.name,
      file: c.file,
      status: c.status,
      durationMs: c.durationMs,
      message: c.message,
    }));
    await this.db.transaction(async (em) => {
      await em.insert(ValidationEntity, row);
      // Chunked: SQLite caps the number of bound parameters in one statement.
      for (let i = 0; i < cases.length; i += 100) await em.insert(TestCaseEntity, cases.slice(i, i + 100));
      await em.update(ProposalEntity, { id: proposalId }, { status: result.outcome, reason: result.reason });
    });
  }

  async listProposals(filter: { status?: ProposalStatus; projectId?: string } = {}): Promise<{ proposal: ProposalRow; project: ProjectRow }[]> {
    const proposals = await this.db.getRepository(ProposalEntity).find({
      where: { ...(filter.status ? { status: filter.status } : {}), ...(filter.projectId ? { projectId: filter.projectId } : {}) },
      order: { createdAt: 'DESC' },
    });
    const projects = new Map((await this.db.getRepository(ProjectEntity).find()).map((p) => [p.id, p]));
    return proposals.flatMap((proposal) => {
      const project = projects.get(proposal.projectId);
      return project === undefined ? [] : [{ proposal, project }];
    });
  }

  async showProposal(id: string): Promise<ProposalDetail | null> {
    const proposal = await this.db.getRepository(ProposalEntity).findOne({ where: { id } });
    if (proposal === null) return null;
    const project = await this.db.getRepository(ProjectEntity).findOneOrFail({ where: { id: proposal.projectId } });
    const validations = await this.db.getRepository(ValidationEntity).find({ where: { proposalId: id }, order: { startedAt: 'ASC' } });
    const withTests = [];
    for (const validation of validations) {
      const tests = await this.db.getRepository(TestCaseEntity).find({ where: { validationId: validation.id }, order: { id: 'ASC' } });
      withTests.push({ validation, tests });
    }
    return { proposal, project, validations: withTests };
  }
}
