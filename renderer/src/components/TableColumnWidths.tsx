/**
 * Renders the column widths of a fixed-layout table, in pixels. Null lets a
 * column share the remaining width. Chromium applied no `width` set on the
 * header cells of Mantine's fixed-layout Table, but it honors `<col>` widths.
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
