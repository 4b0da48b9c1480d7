'use client';

import { useSyncExternalStore } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { deviceTimeZone } from '@/lib/client/device-time-zone';
import styles from './account.module.css';

const noSubscription = () => () => {};
/** Computed once per page: the runtime's zones do not change while it runs. */
let zoneNames: readonly string[] | undefined;
const knownTimeZones = () => (zoneNames ??= Intl.supportedValuesOf('timeZone'));

type TimeZoneFieldProps = {
  readonly id: string;
  readonly value: string;
  readonly onChange: (zone: string) => void;
  readonly error: string | undefined;
};

/**
 * An IANA time zone input that suggests every zone the browser knows as you type (a datalist), and
 * offers this device's zone when the value differs. The device's zone and the browser's list are read
 * only in the browser, so the server's render (which knows neither) does not disagree with it.
 */
export function TimeZoneField({ id, value, onChange, error }: TimeZoneFieldProps) {
  const device = useSyncExternalStore(noSubscription, deviceTimeZone, () => null);
  const zones = useSyncExternalStore(noSubscription, knownTimeZones, () => null);
  const listId = `${id}-options`;
  return (
    <div className={styles.timeZone}>
      <Field
        id={id}
        name="timeZone"
        label="Time zone"
        hint="Decides what “today” and due times mean for you. Type to search, e.g. Berlin or New_York."
        list={listId}
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        error={error}
        required
      />
      {zones ? (
        <datalist id={listId}>
          {zones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
      ) : null}
      {device && device !== value ? (
        <Button variant="ghost" className={styles.deviceZone} onClick={() => onChange(device)}>
          Use this device’s time zone ({device})
        </Button>
      ) : null}
    </div>
  );
}
