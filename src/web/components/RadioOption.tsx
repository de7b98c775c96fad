import { Radio, Text } from '@mantine/core';
import classes from './RadioOption.module.css';

/**
 * One answer as a large card. The card is a <label> around a native radio input, so the whole card
 * is clickable, arrow keys move within the question like any radio group, and the option's text is
 * the input's accessible name. Must be used inside a Radio.Group.
 */
export function RadioOption({ value, label, description }: { value: string; label: string; description?: string }) {
  return (
    <label className={classes.option}>
      <Radio value={value} className={classes.radio} />
      <span className={classes.text}>
        <Text component="span" fw={500} display="block">
          {label}
        </Text>
        {description && (
          <Text component="span" size="sm" c="dimmed" display="block">
            {description}
          </Text>
        )}
      </span>
    </label>
  );
}
