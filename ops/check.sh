#!/usr/bin/env bash
# Checks the alert rules and the dashboard with promtool (Debian's `prometheus` package): the rules
# parse, their unit tests pass (ops/prometheus/alerts.test.yml), every alert links a runbook that
# exists, and every dashboard query is valid PromQL (each is checked as a recording rule).
set -euo pipefail
cd "$(dirname "$0")"

promtool check rules prometheus/alerts.yml
promtool test rules prometheus/alerts.test.yml

node --input-type=module - <<'JS'
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const problems = [];
for (const [, path] of readFileSync('prometheus/alerts.yml', 'utf8').matchAll(/runbook_url: (\S+)/g)) {
  if (!existsSync(join('..', path))) problems.push(`alerts.yml links ${path}, which does not exist`);
}
const alerts = [...readFileSync('prometheus/alerts.yml', 'utf8').matchAll(/- alert: /g)].length;
const runbooks = [...readFileSync('prometheus/alerts.yml', 'utf8').matchAll(/runbook_url: /g)].length;
if (alerts !== runbooks) problems.push(`${alerts} alerts but ${runbooks} runbook links`);

const dashboard = JSON.parse(readFileSync('grafana/procuregraph.json', 'utf8'));
for (const key of ['uid', 'title', 'panels', 'schemaVersion']) if (!(key in dashboard)) problems.push(`dashboard has no ${key}`);
const ids = dashboard.panels.map((panel) => panel.id);
if (new Set(ids).size !== ids.length) problems.push('dashboard panel ids repeat');
const rules = dashboard.panels.flatMap((panel) => {
  if (!panel.title || !panel.type || !panel.gridPos || !panel.targets?.length) problems.push(`panel ${panel.id} lacks a title, type, position or query`);
  return (panel.targets ?? []).map((target) => ({ record: `dashboard:panel_${panel.id}_${target.refId}`, expr: target.expr }));
});
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
// JSON is YAML: promtool parses every dashboard query as a recording rule's expression.
writeFileSync(join(tmpdir(), 'procuregraph-dashboard-rules.yml'), JSON.stringify({ groups: [{ name: 'dashboard', rules }] }));
JS
promtool check rules "${TMPDIR:-/tmp}/procuregraph-dashboard-rules.yml"
