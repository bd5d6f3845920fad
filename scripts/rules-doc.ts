/**
 * Writes docs/rules.md from domain/rules.ts (`npm run rules:doc`), so the table of rules cannot
 * drift from the code: test/unit/rules.test.ts fails when the file differs from this output.
 */
import fs from 'node:fs';
import path from 'node:path';
import { allRules, REGIMES, type Rule } from '../domain/rules';

const UNITS = { jours: 'jours', joursOuvrables: 'jours ouvrables', semaines: 'semaines', mois: 'mois' } as const;

function valueOf(rule: Rule): string {
  if (!rule.value) return '—';
  if ('ageYears' in rule.value) return `${rule.value.ageYears} ans`;
  return `${rule.value.amount} ${UNITS[rule.value.unit]}`;
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function renderRulesDoc(): string {
  const lines = [
    '# Rule book',
    '',
    '<!-- Generated from domain/rules.ts by `npm run rules:doc`; do not edit by hand. -->',
    '',
    'Every time limit and threshold Parcours applies, with its legal source. Deadlines are computed',
    'under the Civil Code, Book 1, art. 1.7 (AGW 09/10/2025, art. 4): see `domain/calendar.ts`.',
    '',
    '## Regimes',
    '',
    '| regime | applies from | basis |',
    '|---|---|---|',
    ...REGIMES.map((r) => `| \`${r.id}\` — ${cell(r.label)} | ${r.from === '1900-01-01' ? '—' : r.from} | ${cell(r.basis)} |`),
    '',
    '## Rules',
    '',
    '| id | value | rule | source | regimes |',
    '|---|---|---|---|---|',
    ...allRules().map((r) => `| \`${r.id}\` | ${valueOf(r)} | ${cell(r.label)} | ${cell(r.basis)} | ${r.regimes.join(', ')} |`),
    '',
  ];
  return lines.join('\n');
}

export const RULES_DOC_PATH = path.resolve(__dirname, '../docs/rules.md');

if (require.main === module) {
  fs.writeFileSync(RULES_DOC_PATH, renderRulesDoc());
  console.log(`wrote ${path.relative(process.cwd(), RULES_DOC_PATH)}`);
}
