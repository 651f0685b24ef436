/**
 * Column widths of a fixed-layout table, in pixels; null lets a column share
 * the remaining width. Chromium ignores `width` on header cells of a
 * fixed-layout table here, but honors `<col>` widths.
 */
export function TableColumnWidths(props: { widths: (number | null)[] }) {
  return (
    <colgroup>
      {props.widths.map((width, index) => (
        <col key={index} style={width === null ? undefined : { width }} />
      ))}
    </colgroup>
  );
}
