// Runs before every npm script, on whatever Node is installed: plain JS that
// even old versions parse, so an old Node gets a sentence, not a stack trace.
var major = Number(process.versions.node.split(".")[0]);
var minor = Number(process.versions.node.split(".")[1]);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    "三审需要 Node.js 22.12 或更高版本（推荐 24 LTS），当前是 " + process.version + "。\n" +
      "请安装 Node.js 24（https://nodejs.org/zh-cn/download，或 nvm use 24），然后重新运行。\n" +
      "Sanshen needs Node.js >= 22.12 (24 LTS recommended); this is " + process.version + "."
  );
  process.exit(1);
}
