'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Notice } from '@/components/ui/notice';
import { ApiError } from '@/lib/client/api';
import { downloadExport, importFile, readReport } from '@/lib/client/transfer';
import type { ImportReport } from '@/lib/transfer/model';

/** The account page's "Export and import" section: export everything as a file; import a Todoer export or a Todoist CSV export, with the report shown. */
export function ExportImport() {
  const queryClient = useQueryClient();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const exporting = useMutation({ mutationFn: downloadExport });
  const importing = useMutation({
    mutationFn: importFile,
    // New lists and tasks: every view may show them.
    onSuccess: () => queryClient.invalidateQueries(),
  });
  const refusal = importing.error instanceof ApiError ? importing.error : null;
  const refusedReport = refusal ? readReport(refusal.extensions.report) : null;

  return (
    <section aria-labelledby="transfer-heading" className="panel">
      <h2 id="transfer-heading">Export and import</h2>
      <p>Download your lists and tasks as a JSON file (attachments are not included), or bring in a Todoer export or a Todoist CSV export.</p>
      <Button variant="secondary" pending={exporting.isPending} pendingLabel="Preparing the export…" onClick={() => exporting.mutate()}>
        Export as JSON
      </Button>
      {exporting.isError ? (
        <p role="alert" className="form-error">
          The export did not work. Try again.
        </p>
      ) : null}

      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (file) importing.mutate(file);
        }}
      >
        <Field
          id={inputId}
          name="file"
          label="File to import"
          hint="A .json file exported from Todoer, or a .csv file exported from Todoist (at most 5 MB)."
          type="file"
          accept=".json,.csv,application/json,text/csv"
          onChange={(event) => {
            setFile(event.currentTarget.files?.[0] ?? null);
            importing.reset();
          }}
        />
        <Button type="submit" disabled={!file} pending={importing.isPending} pendingLabel="Importing…">
          Import
        </Button>
      </form>

      {importing.data ? <ReportView report={importing.data} /> : null}
      {refusal ? (
        <div role="alert" className="form-error">
          <p className="form-error-title">Nothing was imported</p>
          <p>{refusal.detail}</p>
          {refusedReport ? <SkippedList report={refusedReport} /> : null}
        </div>
      ) : null}
    </section>
  );
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function ReportView({ report }: { readonly report: ImportReport }) {
  return (
    <Notice>
      <p>
        Imported {plural(report.imported.lists, 'list', 'lists')} and {plural(report.imported.tasks, 'task', 'tasks')}.
        {report.skippedCount > 0 ? ` Skipped ${report.skippedCount}:` : ''}
      </p>
      <SkippedList report={report} />
    </Notice>
  );
}

function SkippedList({ report }: { readonly report: ImportReport }) {
  if (report.skipped.length === 0) return null;
  const more = report.skippedCount - report.skipped.length;
  return (
    <ul aria-label="Skipped">
      {report.skipped.map((entry, index) => (
        <li key={index}>
          {entry.line !== undefined ? `Line ${entry.line}: ` : entry.path ? `${entry.path}: ` : ''}
          {entry.reason}
        </li>
      ))}
      {more > 0 ? <li>…and {more} more.</li> : null}
    </ul>
  );
}
