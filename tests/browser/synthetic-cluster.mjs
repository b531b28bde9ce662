// A synthetic cluster as files for the Cluster page (the browser test and
// scripts/bench-page.mjs): NodeResourceTopology objects of a few shapes and
// running VMIs of a few sizes, with free CPUs per zone from a fixed
// sequence (the same cluster every run), at most 500 objects per file so
// each stays under the 2 MB a file may have. Like tests/support/synthetic.rs,
// which the native benchmark reads.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PER_FILE = 500;

function list(items) {
  return "apiVersion: v1\nkind: List\nitems:\n" + items.map((item) => item.replace(/^/gm, "  ").replace(/^ {2}/, "- ")).join("\n") + "\n";
}

function nrt(name, zones, rng) {
  const z = zones
    .map((cpus, i) => {
      const allocatable = i === 0 ? cpus - 2 : cpus;
      return `- name: node-${i}\n  type: Node\n  resources:\n  - name: cpu\n    capacity: "${cpus}"\n    allocatable: "${allocatable}"\n    available: "${rng(allocatable + 1)}"`;
    })
    .join("\n");
  return `apiVersion: topology.node.k8s.io/v1alpha2\nkind: NodeResourceTopology\nmetadata:\n  name: ${name}\ntopologyPolicies:\n- SingleNUMANodeContainerLevel\nzones:\n${z}`;
}

function vmi(name, namespace, node, cores) {
  return `apiVersion: kubevirt.io/v1\nkind: VirtualMachineInstance\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  domain:\n    cpu:\n      cores: ${cores}\n      sockets: 1\n      threads: 1\n      dedicatedCpuPlacement: true\n    memory:\n      guest: 8Gi\nstatus:\n  phase: Running\n  nodeName: ${node}`;
}

/** Writes the files of `nodes` workers and `vms` running VMs to a new folder; returns their paths. */
export function clusterFiles(nodes, vms) {
  let state = 22n;
  const rng = (n) => {
    state = (state * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    return Number((state >> 33n) % BigInt(Math.max(n, 1)));
  };
  const shapes = [[32, 32], [64, 64], [16, 16, 16, 16]];
  const sizes = [2, 4, 8, 16, 24];
  const nodeItems = [];
  for (let i = 0; i < nodes; i++) nodeItems.push(nrt(`worker-${i}`, shapes[i % shapes.length], rng));
  const vmItems = [];
  for (let i = 0; i < vms; i++) vmItems.push(vmi(`vm-${i}`, `ns-${i % 20}`, `worker-${rng(nodes)}`, sizes[rng(sizes.length)]));
  const dir = mkdtempSync(join(tmpdir(), "vnuma-cluster-"));
  const paths = [];
  const write = (prefix, items) => {
    for (let i = 0; i < items.length; i += PER_FILE) {
      const path = join(dir, `${prefix}-${i / PER_FILE}.yaml`);
      writeFileSync(path, list(items.slice(i, i + PER_FILE)));
      paths.push(path);
    }
  };
  write("noderesourcetopologies", nodeItems);
  write("vmis", vmItems);
  return paths;
}
