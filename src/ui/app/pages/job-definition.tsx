import { useEffect, useState } from "preact/hooks";
import { get } from "../api";
import { type DiffLine, diffLines, foldUnchanged } from "../diff";
import type { JobDetail } from "../types";

/** YAML is for reading here only; its library loads with the job page, not the first page. */
async function toYaml(value: unknown): Promise<string> {
  const { stringify } = await import("yaml");
  return stringify(value);
}

/**
 * The job's definition as YAML, for the version picked, and the diff between two versions.
 */
export function DefinitionView({
  name,
  current,
  versions,
}: {
  name: string;
  current: JobDetail;
  versions: { version: number; created_at: string }[];
}) {
  const [shown, setShown] = useState(current.version);
  const [against, setAgainst] = useState<number | null>(null);
  const [texts, setTexts] = useState<Record<number, string>>({});
  const load = async (version: number) => {
    if (texts[version] !== undefined) return;
    const detail =
      version === current.version
        ? current
        : await get<JobDetail>(`/jobs/${encodeURIComponent(name)}?version=${version}`);
    const yaml = await toYaml(detail.definition);
    setTexts((known) => ({ ...known, [version]: yaml }));
  };
  useEffect(() => {
    void load(shown);
    if (against !== null) void load(against);
  }, [shown, against]);
  const left = against === null ? undefined : texts[against];
  const right = texts[shown];
  const options = versions.length > 0 ? versions : [{ version: current.version, created_at: "" }];
  return (
    <>
      <div class="filters">
        <label>
          Version
          <select value={shown} onChange={(e) => setShown(Number(e.currentTarget.value))}>
            {options.map((v) => (
              <option key={v.version} value={v.version}>
                v{v.version}
              </option>
            ))}
          </select>
        </label>
        <label>
          Compare with
          <select
            value={against ?? ""}
            onChange={(e) =>
              setAgainst(e.currentTarget.value === "" ? null : Number(e.currentTarget.value))
            }
          >
            <option value="">(no diff)</option>
            {options
              .filter((v) => v.version !== shown)
              .map((v) => (
                <option key={v.version} value={v.version}>
                  v{v.version}
                </option>
              ))}
          </select>
        </label>
      </div>
      {right === undefined ? (
        <p class="muted">Loading the definition…</p>
      ) : against !== null && left !== undefined ? (
        <Diff lines={diffLines(left, right)} from={against} to={shown} />
      ) : (
        <pre class="code">{right}</pre>
      )}
    </>
  );
}

const MARKS: Record<DiffLine["kind"], string> = { same: " ", added: "+", removed: "-" };

function Diff({ lines, from, to }: { lines: DiffLine[]; from: number; to: number }) {
  const changes = lines.filter((line) => line.kind !== "same").length;
  return (
    <>
      <p class="muted">
        Changes from v{from} to v{to}:{" "}
        {changes === 0 ? "none" : `${changes} lines (+ added, - removed)`}
      </p>
      <pre class="code diff">
        {foldUnchanged(lines).map((line, index) =>
          line.kind === "fold" ? (
            <span key={index} class="diff-fold">
              … {line.count} unchanged line{line.count === 1 ? "" : "s"}
              {"\n"}
            </span>
          ) : (
            <span key={index} class={`diff-${line.kind}`}>
              {MARKS[line.kind]} {line.text}
              {"\n"}
            </span>
          ),
        )}
      </pre>
    </>
  );
}
