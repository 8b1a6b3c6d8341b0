// ink-select-input, made safe without a terminal: with no raw mode it must not listen for keys
// (it would crash with "Raw mode is not supported"), so it only renders.

import { useStdin } from 'ink';
import SelectInput from 'ink-select-input';

export interface SelectItem<V> {
  label: string;
  value: V;
  key?: string;
}

export interface SelectProps<V> {
  items: SelectItem<V>[];
  onSelect: (value: V) => void;
  onHighlight?: (value: V) => void;
  initialIndex?: number;
  limit?: number;
  isActive?: boolean;
}

export function Select<V>({
  items,
  onSelect,
  onHighlight,
  initialIndex,
  limit,
  isActive = true,
}: SelectProps<V>) {
  const { isRawModeSupported } = useStdin();
  return (
    <SelectInput
      items={items.map((item) => ({ ...item, key: item.key ?? item.label }))}
      onSelect={(item) => onSelect(item.value)}
      {...(onHighlight ? { onHighlight: (item: SelectItem<V>) => onHighlight(item.value) } : {})}
      {...(initialIndex !== undefined ? { initialIndex } : {})}
      {...(limit !== undefined ? { limit } : {})}
      isFocused={isActive && isRawModeSupported === true}
    />
  );
}
