"use client";

import { namespacesOf, revisionsOf, servicesOf } from "@/lib/knative/discovery";
import type { RevisionRef } from "@/lib/knative/metrics";
import { Field, Select } from "@/components/ui/field";

export interface RevisionPickerProps {
  revisions: readonly RevisionRef[];
  selected: RevisionRef | null;
  onChange: (next: RevisionRef) => void;
}

const SET_LABEL = { opencensus: "OpenCensus", otel: "OTel" } as const;

function refKey(r: RevisionRef): string {
  return `${r.metricSet}/${r.revision}`;
}

/** Namespace → service → revision, each revision tagged with the metric set it was found in. */
export function RevisionPicker({ revisions, selected, onChange }: RevisionPickerProps) {
  const namespace = selected?.namespace ?? "";
  const service = selected?.service ?? "";
  const pickNamespace = (ns: string) => {
    const svc = servicesOf(revisions, ns)[0];
    const rev = svc === undefined ? undefined : revisionsOf(revisions, ns, svc).at(-1);
    if (rev) onChange(rev);
  };
  const pickService = (svc: string) => {
    const rev = revisionsOf(revisions, namespace, svc).at(-1);
    if (rev) onChange(rev);
  };
  const choices = revisionsOf(revisions, namespace, service);
  return (
    <>
      <Field label="Namespace">
        {({ id }) => (
          <Select id={id} value={namespace} onChange={(e) => pickNamespace(e.target.value)} className="min-w-36">
            {namespacesOf(revisions).map((ns) => (
              <option key={ns} value={ns}>
                {ns}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Service">
        {({ id }) => (
          <Select id={id} value={service} onChange={(e) => pickService(e.target.value)} className="min-w-36">
            {servicesOf(revisions, namespace).map((svc) => (
              <option key={svc} value={svc}>
                {svc}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Revision">
        {({ id }) => (
          <Select
            id={id}
            value={selected ? refKey(selected) : ""}
            onChange={(e) => {
              const next = choices.find((r) => refKey(r) === e.target.value);
              if (next) onChange(next);
            }}
            className="min-w-52"
          >
            {choices.map((r) => (
              <option key={refKey(r)} value={refKey(r)}>
                {r.revision} ({SET_LABEL[r.metricSet]})
              </option>
            ))}
          </Select>
        )}
      </Field>
    </>
  );
}
