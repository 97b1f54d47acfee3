import type { VariableOf } from "@/lib/dashboards/schema";
import type { MetricFindValue } from "./query";
import type { VariableOption } from "./types";

export type VariableSort = VariableOf<"query">["sort"];

/**
 * Grafana's `stringToJsRegex`: `/pattern/flags`, or a bare pattern that must match the whole
 * value (`^pattern$`). Throws on an invalid pattern, as Grafana does.
 */
export function stringToJsRegex(text: string): RegExp {
  if (!text.startsWith("/")) return new RegExp(`^${text}$`);
  const match = /^\/(.*?)\/(g?i?m?y?s?)$/.exec(text);
  if (!match) throw new Error(`'${text}' is not a valid regular expression.`);
  return new RegExp(match[1]!, match[2]);
}

function allMatches(text: string, regex: RegExp): RegExpExecArray[] {
  const results: RegExpExecArray[] = [];
  regex.lastIndex = 0;
  let match: RegExpExecArray | null;
  do {
    match = regex.exec(text);
    if (match) results.push(match);
  } while (regex.global && match && match[0] !== "");
  return results;
}

function applyRegex(item: VariableOption, regex: RegExp): VariableOption[] {
  const matches = allMatches(item.value, regex);
  if (matches.length === 0) return [];
  const valueGroup = matches.find((m) => m.groups?.value);
  const textGroup = matches.find((m) => m.groups?.text);
  const firstMatch = matches.find((m) => m.length > 1);
  if (valueGroup || textGroup) {
    const value = valueGroup?.groups?.value ?? textGroup?.groups?.text ?? "";
    return [{ value, text: textGroup?.groups?.text ?? value }];
  }
  // With the g flag, every match of the capture group becomes an option.
  if (matches.length > 1 && firstMatch) return matches.map((m) => ({ text: m[1] ?? "", value: m[1] ?? "" }));
  if (firstMatch) return [{ text: firstMatch[1] ?? "", value: firstMatch[1] ?? "" }];
  return [item];
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function numericKey(option: VariableOption): number {
  if (!option.text) return -1;
  const match = /.*?(\d+).*/.exec(option.text);
  return match ? Number.parseInt(match[1]!, 10) : -1;
}

/** Grafana's `sortVariableValues`: stable sorts on the text; numerical by the first run of digits. */
export function sortOptions(options: readonly VariableOption[], sort: VariableSort): VariableOption[] {
  const sorted = [...options];
  switch (sort) {
    case "alpha-asc":
    case "alpha-desc":
      sorted.sort((a, b) => compare(a.text, b.text));
      break;
    case "num-asc":
    case "num-desc":
      sorted.sort((a, b) => numericKey(a) - numericKey(b));
      break;
    case "alpha-ci-asc":
    case "alpha-ci-desc":
      sorted.sort((a, b) => compare(a.text.toLowerCase(), b.text.toLowerCase()));
      break;
    case "none":
      return sorted;
  }
  // Grafana sorts ascending and reverses, so ties come out reversed too.
  return sort.endsWith("-desc") ? sorted.reverse() : sorted;
}

/**
 * Grafana's `metricNamesToVariableValues`: filter by the regex (matched against the value);
 * the named group `value`/`text` or else the first capture group becomes the option; then
 * de-duplicate by value (first wins) and sort.
 */
export function toVariableOptions(values: readonly MetricFindValue[], regex: string, sort: VariableSort): VariableOption[] {
  const re = regex ? stringToJsRegex(regex) : null;
  const options: VariableOption[] = [];
  for (const item of values) {
    const option = { text: item.text, value: item.value ?? item.text };
    options.push(...(re ? applyRegex(option, re) : [option]));
  }
  const seen = new Set<string>();
  const unique = options.filter((o) => !seen.has(o.value) && seen.add(o.value));
  return sortOptions(unique, sort);
}
