import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBodySchema } from '@core/api.ts';
import { costLinesSchema } from '@core/documents/budget-estimate.ts';
import type { Deps } from '../../context.ts';
import { approveBudgetEstimate } from '../../services/budget/approve-budget-estimate.ts';
import { getBudgetEstimate } from '../../services/budget/get-budget-estimate.ts';
import { renderBudgetEstimate } from '../../services/budget/render-budget-estimate.ts';
import { returnBudgetEstimate } from '../../services/budget/return-budget-estimate.ts';
import { reviseBudgetEstimate } from '../../services/budget/revise-budget-estimate.ts';
import { saveBudgetLines } from '../../services/budget/save-budget-lines.ts';
import { submitBudgetEstimate } from '../../services/budget/submit-budget-estimate.ts';
import { allowedBy, operationDoc } from '../openapi.ts';

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema };
/** The answers are built by the services from whitelists; documented as objects. */
const body = z.looseObject({});
const slugParams = z.object({ slug: z.string().min(1).max(80) });
const stepAnswer = { 200: z.object({ state: z.string(), revision: z.number() }), ...errors };
const textBody = z.object({ text: z.string().max(2000) });

export function budgetRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['budget'];
  r.get(
    '/api/contests/:slug/budget',
    {
      schema: {
        tags,
        ...operationDoc(
          'The budget estimate (dự trù kinh phí)',
          'Section I the prize money from the prize structure (as submitted, once submitted), section II the cost ' +
            'lines, totals and the total in words; the state of its appraisal by finance and its history.',
          allowedBy('budget.view'),
        ),
        params: slugParams,
        response: { 200: body, ...errors },
      },
    },
    async (req) => getBudgetEstimate(deps, req.actor, req.params.slug),
  );
  r.put(
    '/api/contests/:slug/budget',
    {
      schema: {
        tags,
        ...operationDoc(
          'Save the cost lines',
          'Replaces section II (category, description, unit, whole quantity, unit price in đồng, note) of a draft or ' +
            'returned estimate (`budget.underReview`, `budget.approvedFrozen` otherwise). Audited.',
          allowedBy('budget.edit'),
        ),
        params: slugParams,
        body: z.object({ lines: costLinesSchema }),
        response: { 200: z.object({ totalVnd: z.number() }), ...errors },
      },
    },
    async (req) => saveBudgetLines(deps, req.actor, req.params.slug, req.body.lines),
  );
  const steps = [
    ['submit', 'Submit the estimate to finance', 'budget.edit', 'Freezes the prize section as submitted.'],
    ['approve', 'Approve the submitted estimate', 'budget.review', 'The estimate is frozen from then on.'],
    ['return', 'Return the estimate with comments', 'budget.review', '`text`: the comments, 10 characters or more.'],
    ['revise', 'Revise an approved estimate', 'budget.edit', '`text`: the reason; a new draft revision starts.'],
  ] as const;
  for (const [step, summary, action, note] of steps) {
    const withText = step === 'return' || step === 'revise';
    r.post(
      `/api/contests/:slug/budget/${step}`,
      {
        schema: {
          tags,
          ...operationDoc(summary, `${note} Recorded in the estimate's history and audited.`, allowedBy(action)),
          params: slugParams,
          ...(withText ? { body: textBody } : {}),
          response: stepAnswer,
        },
      },
      async (req) => {
        const text = (req.body as { text?: string } | undefined)?.text ?? '';
        if (step === 'submit') return submitBudgetEstimate(deps, req.actor, req.params.slug);
        if (step === 'approve') return approveBudgetEstimate(deps, req.actor, req.params.slug);
        if (step === 'return') return returnBudgetEstimate(deps, req.actor, req.params.slug, text);
        return reviseBudgetEstimate(deps, req.actor, req.params.slug, text);
      },
    );
  }
  r.get(
    '/api/contests/:slug/budget.xlsx',
    {
      schema: {
        tags,
        ...operationDoc(
          'The budget estimate as XLSX',
          'A4, Times New Roman: prize lines, cost lines by category with subtotals, the total and the total in ' +
            'words. `issuer` (optional) is the line above the title. Audited.',
          allowedBy('budget.view'),
        ),
        params: slugParams,
        querystring: z.object({ issuer: z.string().trim().min(1).max(200).optional() }),
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (req, reply) => {
      const { file, revision } = await renderBudgetEstimate(deps, req.actor, req.params.slug, req.query.issuer);
      return reply
        .headers({
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'content-disposition': `attachment; filename="du-tru-kinh-phi-${req.params.slug}-lan-${revision}.xlsx"`,
          'cache-control': 'private, no-store',
        })
        .send(file);
    },
  );
}
