import { parseArgs, swallowedByNpm, UsageError, wantsHelp, type ArgSpec, type Args } from "./args.ts";

/**
 * A failure the job explains in one Chinese sentence, without the usage: the
 * command line was right, the world was not (GitHub unreachable, rule files broken).
 */
export class JobFailure extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 3) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** A job's command line: what it accepts and how it explains itself. */
export interface Job extends ArgSpec {
  /** Usage in Chinese with an example, printed by `--help` and after a mistake on the command line. */
  usage: string;
}

/**
 * Runs a job's main function with its parsed arguments. `-h`/`--help` prints
 * the usage (exit 0); a user's mistake prints one Chinese sentence and the
 * usage (exit 2); an unexpected failure prints a short notice (the stack only
 * with SANSHEN_DEBUG=1), never a wall of trace for a clerk to decode.
 */
export function runJob(job: Job, main: (args: Args) => Promise<number> | number, argv = process.argv.slice(2)): void {
  Promise.resolve()
    .then(() => {
      if (wantsHelp(argv)) {
        console.log(job.usage.trimEnd());
        return 0;
      }
      const swallowed = swallowedByNpm(argv, job, process.env);
      if (swallowed) {
        const npmRun = npmCommand(process.env.npm_lifecycle_event!);
        throw new JobFailure(`npm 把 --${swallowed} 当成了它自己的设置，没有交给任务：请在任务名后先写 --，例如 ${npmRun} -- --${swallowed}`, 2);
      }
      return main(parseArgs(argv, job));
    })
    .then(
      (code) => {
        process.exitCode = code;
      },
      (error: unknown) => {
        if (error instanceof UsageError) {
          console.error(`用法错误：${error.message}\n\n${job.usage.trimEnd()}`);
          process.exitCode = 2;
          return;
        }
        if (error instanceof JobFailure) {
          console.error(error.message);
          process.exitCode = error.exitCode;
          return;
        }
        const message = error instanceof Error ? error.message : String(error);
        console.error(`运行出错：${message}\n这不是您的内容的问题，请把这段提示发给技术管理员。`);
        if (process.env.SANSHEN_DEBUG) console.error(error);
        process.exitCode = 3;
      },
    );
}

/** How a person starts the job through npm: `npm start`, `npm test`, otherwise `npm run <job>`. */
const npmCommand = (job: string) => (job === "start" || job === "test" ? `npm ${job}` : `npm run ${job}`);
