import { z } from 'zod';
import { ZCategory, ZModelDetail, ZModelSummary, ZModelsQuery } from '../../../shared/api/catalog.ts';
import type { CategoryId } from '../../../shared/catalog-types.ts';
import { QUESTIONNAIRES } from '../../../shared/questionnaires.ts';
import { notFound } from '../../platform/errors.ts';
import { errorResponses, typed, type RoutesPlugin } from '../../platform/http.ts';
import * as catalog from './catalog.repository.ts';

export const catalogRoutes: RoutesPlugin = async (fastify, { database }) => {
  const app = typed(fastify);
  const db = database.db;

  app.get(
    '/api/catalog/categories',
    { schema: { tags: ['catalogue'], response: { 200: z.array(ZCategory) } } },
    async () => (await catalog.listCategories(db)) as z.infer<typeof ZCategory>[],
  );

  app.get(
    '/api/catalog/models',
    { schema: { tags: ['catalogue'], querystring: ZModelsQuery, response: { 200: z.array(ZModelSummary), ...errorResponses(400) } } },
    async (req) => (await catalog.searchModels(db, req.query)) as z.infer<typeof ZModelSummary>[],
  );

  app.get(
    '/api/catalog/models/:id',
    {
      schema: {
        tags: ['catalogue'],
        params: z.object({ id: z.string().max(200) }),
        response: { 200: ZModelDetail, ...errorResponses(400, 404) },
      },
    },
    async (req) => {
      const model = await catalog.findModel(db, req.params.id);
      if (!model) throw notFound('Model');
      const variants = await catalog.listVariants(db, model.id);
      return {
        ...model,
        categoryId: model.categoryId as CategoryId,
        variants,
        questionnaire: QUESTIONNAIRES[model.categoryId as CategoryId].questions,
      };
    },
  );
};
