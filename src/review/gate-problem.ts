/**
 * Why a pull request cannot pass as it stands: a value with a stable rule id
 * (like check's findings), the file when one is to blame, and the Chinese
 * sentence shown on the status and the 审批单. The gate's failure state is
 * derived from these, never found by reading a message.
 */
export interface GateProblem {
  rule: string;
  message: string;
  file?: string;
}

export const problem = (rule: string, message: string, file?: string): GateProblem => (file ? { rule, message, file } : { rule, message });
