import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { App } from '../app.js';
import { Strict } from '../http/schemas.js';
import { analyzeText } from './analysis/analyze.js';

const Analysis = Type.Object({
  sentiment: Type.Number({ minimum: -1, maximum: 1 }),
  riskWords: Type.Array(Type.String()),
  signals: Type.Array(Type.Object({ kind: Type.String(), word: Type.String() }), {
    description:
      'complaint signals found, by kind (threat, safety, regulator, media, legal, complaint, demand, refund, fault, service, dissatisfaction)',
  }),
  complaint: Type.Boolean(),
  category: Type.Union([Type.String(), Type.Null()]),
  spamScore: Type.Number({ minimum: 0, maximum: 1 }),
});

/** `POST /analyze`: text analysis alone, recording nothing. */
export function analyzeRoutes(scope: FastifyInstance, app: App): void {
  const r = scope.withTypeProvider<TypeBoxTypeProvider>();
  const analyze = (text: string) => {
    const a = analyzeText(text);
    return {
      sentiment: round(a.sentiment),
      riskWords: a.riskWords,
      signals: a.signals,
      complaint: a.complaint,
      category: a.category,
      spamScore: round(app.spam.score(text)),
    };
  };

  r.post(
    '/analyze',
    {
      config: { access: 'analyze' },
      schema: {
        tags: ['analysis'],
        summary:
          'Sentiment, risk words, complaint intent, category and spam score of a text; records nothing',
        body: Strict({ text: Type.String({ maxLength: 20_000 }) }),
        response: { 200: Analysis },
      },
    },
    async (request) => analyze(request.body.text),
  );

  r.post(
    '/analyze/batch',
    {
      config: { access: 'analyze' },
      schema: {
        tags: ['analysis'],
        summary: 'The same for up to 1,000 texts, answered in order',
        body: Strict({
          texts: Type.Array(Type.String({ maxLength: 20_000 }), { minItems: 1, maxItems: 1000 }),
        }),
        response: { 200: Type.Object({ results: Type.Array(Analysis) }) },
      },
    },
    async (request) => ({ results: request.body.texts.map(analyze) }),
  );
}

const round = (x: number) => Math.round(x * 1000) / 1000;
