// Runs before every job, on whatever Node started it: plain JS that even old
// versions parse, so an old Node gets a sentence, not a stack trace. Through
// npm (`npm start`, `npm run check`) this never fires: the pinned `node`
// package in devDependencies puts Node 24 first on every npm script's PATH.
import { existsSync } from "node:fs";

var major = Number(process.versions.node.split(".")[0]);
var minor = Number(process.versions.node.split(".")[1]);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    "三审需要 Node.js 22.12 或更高版本，当前是 " + process.version + "。" +
      (existsSync(new URL("../node_modules/.bin/node", import.meta.url))
        ? "请通过 npm 运行（例如 npm start、npm run check -- --help），npm 会使用项目自带的 Node 24。"
        : "请先在仓库目录运行 npm ci（它会安装项目自带的 Node 24），再通过 npm 运行，例如 npm start。") +
      "\nSanshen needs Node.js >= 22.12; run it through npm, which uses the Node 24 that npm ci installs."
  );
  process.exit(1);
}
