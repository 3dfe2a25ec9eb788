/**
 * Short Chinese progress lines for a job with several steps, one line a step:
 * "[2/4] 生成页面……完成（131 个页面，14.2 秒）". The step's name is printed
 * before the work starts, so a person sees what the machine is doing.
 */
export class Progress {
  private done = 0;
  private total: number;
  private readonly write: (text: string) => void;

  constructor(total: number, write: (text: string) => void = (text) => process.stdout.write(text)) {
    this.total = total;
    this.write = write;
  }

  /** One more step than the job first counted (a step only some portals need). */
  addStep(): void {
    this.total++;
  }

  /** Runs one step; `outcome` turns its result into the words after "……". */
  async step<T>(name: string, work: () => Promise<T> | T, outcome: (result: T) => string): Promise<T> {
    this.done++;
    this.write(`[${this.done}/${this.total}] ${name}……`);
    const started = performance.now();
    let result: T;
    try {
      result = await work();
    } catch (error) {
      this.write("出错\n");
      throw error;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    this.write(`${outcome(result).replace("{s}", `${seconds} 秒`)}\n`);
    return result;
  }
}
