package dev.framescope.ui.frame;

import java.util.AbstractList;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableListBase;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;

/**
 * A monospace offset / hex / ASCII dump. Virtualized: the list holds only row numbers and each visible cell formats
 * its row when shown, so a 1 MiB payload costs a handful of rows, not 65,536 strings. Bytes beyond {@link #capProperty()}
 * are not shown; a note says how much is. A pane too narrow for 16 bytes a row shows 8 or 4, so the ASCII column is
 * never cut off.
 */
public final class HexDumpView extends VBox {

    public static final String STYLE_CLASS = "hex-dump";
    public static final int DEFAULT_CAP = 1024 * 1024;
    /** Around a row's text: the two 16 px gaps between its columns and a vertical scroll bar. */
    private static final double CELL_CHROME = 2 * 16 + 16;

    private final ObjectProperty<byte[]> data = new SimpleObjectProperty<>(this, "data", new byte[0]);
    private final IntegerProperty cap = new SimpleIntegerProperty(this, "cap", DEFAULT_CAP);
    private final RowNumbers rows = new RowNumbers();
    private final ListView<Integer> list = new ListView<>(rows);
    private final Label note = new Label();
    /** Styled as the rows' text, never shown: how wide a character of the dump is. */
    private final Text probe = styled(new Text("0123456789"), "hex-bytes");
    private int bytesPerRow = HexDump.BYTES_PER_ROW;
    /**
     * Measured on a shown row once one is laid out: a character's width and the cell's padding. The probe above
     * inherits the pane's font size, a row the list cell's, and the theme pads cells, so a row is the truth.
     */
    private double rowCharWidth;
    private double rowPadding = 16;

    public HexDumpView() {
        getStyleClass().add(STYLE_CLASS);
        list.getStyleClass().add("hex-dump-rows");
        list.setCellFactory(lv -> new RowCell());
        list.setFixedCellSize(22);
        note.getStyleClass().add("hex-dump-note");
        note.setManaged(false);
        note.setVisible(false);
        VBox.setVgrow(list, Priority.ALWAYS);
        probe.setManaged(false);
        probe.setVisible(false);
        getChildren().addAll(note, list, probe);
        data.addListener((obs, old, now) -> refresh());
        cap.addListener((obs, old, now) -> refresh());
        list.widthProperty().addListener((obs, old, now) -> fitRows());
        probe.layoutBoundsProperty().addListener((obs, old, now) -> fitRows());
    }

    /** Bytes a row shows now: 16, or 8 or 4 in a narrow pane. */
    public int bytesPerRow() {
        return bytesPerRow;
    }

    /** The width a pane needs to show {@code bytes} a row whole: offset, hex and ASCII, gaps, padding, scroll bar. */
    public double widthFor(int bytes) {
        return charWidth() * (8 + 4 * bytes) + CELL_CHROME + rowPadding + list.snappedLeftInset()
                + list.snappedRightInset();
    }

    private double charWidth() {
        return Math.max(rowCharWidth, probe.getLayoutBounds().getWidth() / probe.getText().length());
    }

    /** The most bytes a row of the list's width shows whole: offset, hex and ASCII, with the cell's gaps. */
    private void fitRows() {
        double charWidth = charWidth();
        double room = list.getWidth() - list.snappedLeftInset() - list.snappedRightInset() - CELL_CHROME - rowPadding;
        int fits = 16;
        while (fits > 4 && charWidth * (8 + 4 * fits) > room) {
            fits /= 2;
        }
        if (fits != bytesPerRow && charWidth > 0 && room > 0) {
            bytesPerRow = fits;
            rows.resize(HexDump.rowCount(shownLength(), bytesPerRow));
            // Row 0 is still row 0: a cell showing the same row number is not updated unless told.
            list.refresh();
        }
    }

    public ObjectProperty<byte[]> dataProperty() {
        return data;
    }

    public void setData(byte[] value) {
        data.set(value == null ? new byte[0] : value);
    }

    public byte[] getData() {
        return data.get();
    }

    /** The most bytes shown. */
    public IntegerProperty capProperty() {
        return cap;
    }

    /** Rows currently in the list (for tests and status lines). */
    public int rowCount() {
        return rows.size();
    }

    /** The note above the rows, e.g. "first 1,024 KiB of 5,000,000 B"; empty when everything is shown. */
    public String noteText() {
        return note.getText();
    }

    private void refresh() {
        byte[] bytes = data.get();
        int shown = Math.min(bytes.length, Math.max(0, cap.get()));
        boolean capped = shown < bytes.length;
        note.setText(capped ? String.format("first %,d KiB of %,d B", shown / 1024, bytes.length) : "");
        note.setVisible(capped);
        note.setManaged(capped);
        rows.resize(HexDump.rowCount(shown, bytesPerRow));
        list.scrollTo(0);
    }

    private int shownLength() {
        return Math.min(data.get().length, Math.max(0, cap.get()));
    }

    private final class RowCell extends ListCell<Integer> {
        private final Text offset = styled(new Text(), "hex-offset");
        private final Text hex = styled(new Text(), "hex-bytes");
        private final Text ascii = styled(new Text(), "hex-ascii");
        private final HBox line = new HBox(16, offset, hex, ascii);

        RowCell() {
            getStyleClass().add("hex-row");
            hex.layoutBoundsProperty().addListener((obs, old, now) -> measure());
        }

        /** Takes the row's real character width and padding; refits the rows when they differ from the guess. */
        private void measure() {
            int chars = hex.getText().length();
            if (chars == 0) {
                return;
            }
            double charWidth = hex.getLayoutBounds().getWidth() / chars;
            double padding = snappedLeftInset() + snappedRightInset();
            if (Math.abs(charWidth - rowCharWidth) > 0.01 || Math.abs(padding - rowPadding) > 0.5) {
                rowCharWidth = charWidth;
                rowPadding = padding;
                fitRows();
            }
        }

        @Override
        protected void updateItem(Integer rowIndex, boolean empty) {
            super.updateItem(rowIndex, empty);
            if (empty || rowIndex == null) {
                setGraphic(null);
                return;
            }
            int start = rowIndex * bytesPerRow;
            int end = Math.min(start + bytesPerRow, shownLength());
            HexDump.Row row = HexDump.row(data.get(), start, end, bytesPerRow);
            offset.setText(String.format("%08x", row.offset()));
            hex.setText(row.hex());
            ascii.setText(row.ascii());
            setGraphic(line);
        }
    }

    private static Text styled(Text text, String styleClass) {
        text.getStyleClass().add(styleClass);
        return text;
    }

    /** 0, 1, ... n-1 without storing them. */
    private static final class RowNumbers extends ObservableListBase<Integer> {
        private int size;

        void resize(int newSize) {
            int old = size;
            beginChange();
            size = newSize;
            if (old > 0) {
                nextRemove(0, new AbstractList<Integer>() {
                    @Override
                    public Integer get(int index) {
                        return index;
                    }

                    @Override
                    public int size() {
                        return old;
                    }
                });
            }
            if (newSize > 0) {
                nextAdd(0, newSize);
            }
            endChange();
        }

        @Override
        public Integer get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException(index);
            }
            return index;
        }

        @Override
        public int size() {
            return size;
        }
    }
}
