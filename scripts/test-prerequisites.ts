// npm test runs this first: installs the system packages the tests need when it can, or says what to install.
import { runJob } from "../src/cli/run.ts";
import { testPrerequisitesJob } from "../src/jobs/test-prerequisites.ts";

const usage = `用法：npm run test-prerequisites
运行测试前的准备（npm test 会先自动运行它）：确认本机有 git、Chromium 浏览器和中文字体。
缺少时，若是 Debian/Ubuntu 且以 root 运行，就用 apt-get 安装；否则说明需要安装什么。

选项：
  -h, --help   显示本说明

例如：
  npm run test-prerequisites`;

runJob({ usage }, testPrerequisitesJob);
