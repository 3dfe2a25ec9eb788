import { canInstallDebianPackages, installDebianPackages, testPrerequisites, type Prerequisite } from "../adapters/system-packages.ts";
import { JobFailure } from "../cli/run.ts";

/** `npm run test-prerequisites`: git, Chromium and CJK fonts present, installed with apt-get when root can, else named. */
export function testPrerequisitesJob(): number {
  const missing = testPrerequisites().filter((p) => !p.present());
  if (!missing.length) return 0;
  const list = (ps: Prerequisite[]) => ps.map((p) => p.name).join("、");
  const packages = missing.map((p) => p.debianPackage).join(" ");
  if (!canInstallDebianPackages()) {
    throw new JobFailure(`运行测试还缺少：${list(missing)}。请先安装（Debian/Ubuntu：sudo apt-get install -y ${packages}；已装有 Chromium 的，可用环境变量 CHROMIUM_PATH 指出它的位置），再运行 npm test。`, 1);
  }
  console.log(`运行测试还缺少：${list(missing)}。正在用 apt-get 安装 ${packages}，需要几分钟……`);
  const installed = installDebianPackages(missing.map((p) => p.debianPackage));
  const still = missing.filter((p) => !p.present());
  if (!installed.ok || still.length) {
    console.error(installed.output.trimEnd().split("\n").slice(-15).join("\n"));
    throw new JobFailure(`安装后仍缺少：${list(still.length ? still : missing)}。请看上面 apt-get 的输出，或手工安装 ${(still.length ? still : missing).map((p) => p.debianPackage).join(" ")}。`, 1);
  }
  console.log("测试所需的系统软件已装好。");
  return 0;
}
