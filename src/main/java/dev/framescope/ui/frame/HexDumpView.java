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
 * are not shown; a note says how much is.
 */
public final class HexDumpView extends VBox {

    public static final String STYLE_CLASS = "hex-dump";
    public static final int DEFAULT_CAP = 1024 * 1024;

    private final ObjectProperty<byte[]> data = new SimpleObjectProperty<>(this, "data", new byte[0]);
    private final IntegerProperty cap = new SimpleIntegerProperty(this, "cap", DEFAULT_CAP);
    private final RowNumbers rows = new RowNumbers();
    private final ListView<Integer> list = new ListView<>(rows);
    private final Label note = new Label();

    public HexDumpView() {
        getStyleClass().add(STYLE_CLASS);
        list.getStyleClass().add("hex-dump-rows");
        list.setCellFactory(lv -> new RowCell());
        list.setFixedCellSize(22);
        note.getStyleClass().add("hex-dump-note");
        note.setManaged(false);
        note.setVisible(false);
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(note, list);
        data.addListener((obs, old, now) -> refresh());
        cap.addListener((obs, old, now) -> refresh());
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
        rows.resize(HexDump.rowCount(shown));
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
        }

        @Override
        protected void updateItem(Integer rowIndex, boolean empty) {
            super.updateItem(rowIndex, empty);
            if (empty || rowIndex == null) {
                setGraphic(null);
                return;
            }
            int start = rowIndex * HexDump.BYTES_PER_ROW;
            int end = Math.min(start + HexDump.BYTES_PER_ROW, shownLength());
            HexDump.Row row = HexDump.row(data.get(), start, end);
            offset.setText(String.format("%08x", row.offset()));
            hex.setText(row.hex());
            ascii.setText(row.ascii());
            setGraphic(line);
        }

        private static Text styled(Text text, String styleClass) {
            text.getStyleClass().add(styleClass);
            return text;
        }
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
