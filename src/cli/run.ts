import { UsageError } from "./args.ts";

/**
 * Runs a script's main function. A user's mistake prints one Chinese sentence;
 * an unexpected failure prints a short notice (the stack only with
 * SANSHEN_DEBUG=1), never a wall of trace for a clerk to decode.
 */
export function run(main: () => Promise<number> | number): void {
  Promise.resolve()
    .then(main)
    .then(
      (code) => {
        process.exitCode = code;
      },
      (error: unknown) => {
        if (error instanceof UsageError) {
          console.error(`用法错误：${error.message}`);
          process.exitCode = 2;
          return;
        }
        const message = error instanceof Error ? error.message : String(error);
        console.error(`运行出错：${message}\n这不是您的内容的问题，请把这段提示发给技术管理员。`);
        if (process.env.SANSHEN_DEBUG) console.error(error);
        process.exitCode = 3;
      },
    );
}
