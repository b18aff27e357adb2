import { execFileSync, spawnSync } from "node:child_process";

/**
 * Tests run real servers from Debian (DESIGN: real parts, really exercised). On a fresh machine `npm test`
 * installs them itself, so no step is left to do by hand; elsewhere it says what is missing.
 */
const PACKAGES: Record<string, string> = {
  "redis-server": "redis-server",
  // Ceph's S3 gateway on one node, and what its start script (../shared/scripts/start-ceph-rgw.sh) calls.
  radosgw: "radosgw",
  "ceph-mon": "ceph-mon",
  "ceph-osd": "ceph-osd",
  uuidgen: "uuid-runtime",
  curl: "curl",
  setsid: "util-linux",
};

export default function installSystemPackages(): void {
  const missing = Object.entries(PACKAGES).filter(([command]) => !onPath(command));
  if (missing.length === 0) return;
  const packages = missing.map(([, pkg]) => pkg);
  const asRoot = process.getuid?.() === 0;
  if (!onPath("apt-get") || !asRoot) {
    throw new Error(`the tests need ${packages.join(", ")} from Debian: run \`sudo apt-get install -y ${packages.join(" ")}\``);
  }
  console.log(`installing ${packages.join(", ")} with apt-get for the tests…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...packages], { stdio: "inherit", env });
}

function onPath(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}
