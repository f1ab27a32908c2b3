import type { EvaluateRequest, EvaluationResult } from '../../../common/contract/contract';
import { EVALUATION_RESTRICT_DEFAULT } from '../../../common/contract/contract';
import { ExplorerError } from '../errors';
import type { JobManager } from '../jobs';
import type { Model } from '../model/model';
import { evaluateAnalogies } from './evaluate-analogies';
import { evaluatePairs } from './evaluate-pairs';

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs an evaluation as a job: progress as questions are answered, and Cancel between batches.
 * The work yields to the event loop after every batch of questions (tens of milliseconds), so
 * other requests keep being answered.
 */
export async function runEvaluation(jobs: JobManager, model: Model, req: EvaluateRequest): Promise<EvaluationResult> {
  const restrict = req.restrict ?? EVALUATION_RESTRICT_DEFAULT;
  const started = performance.now();
  return jobs.run('evaluate', `Evaluating ${model.name} on ${req.fileName}`, async (job) => {
    job.progress('Reading the file', 0);
    await yieldToLoop();
    if (req.kind === 'pairs') {
      const r = evaluatePairs(model, req.content, req.fileName, restrict);
      return { ...r, seconds: (performance.now() - started) / 1000 };
    }
    const r = await evaluateAnalogies(model, req.content, req.fileName, restrict, {
      report: async (done, total) => {
        job.progress(`Answering questions (${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')})`, done / total);
        await yieldToLoop();
        return !job.cancelled;
      },
    });
    if (!r) throw new ExplorerError('cancelled', 'The evaluation was cancelled.');
    return { ...r, seconds: (performance.now() - started) / 1000 };
  });
}
