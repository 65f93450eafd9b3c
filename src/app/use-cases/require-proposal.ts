/** That a proposal exists, cheaply (one indexed row, no changes or validations): `not_found` otherwise. */
import { InputError } from '../../errors/input-error.js';
import { ProposalEntity } from '../../storage/entities/proposal-entity.js';
import type { AppContext } from '../context.js';

export async function requireProposal(ctx: AppContext, id: string): Promise<void> {
  const found = await (await ctx.storage()).db.getRepository(ProposalEntity).exists({ where: { id } });
  if (!found) throw new InputError(`no proposal with id "${id}"`, { id }, { code: 'not_found', field: 'id' });
}
