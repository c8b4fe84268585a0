package dev.framescope.ui.live;

import dev.framescope.capture.CaptureEvent;
import dev.framescope.capture.CaptureEvent.FrameEvent;
import dev.framescope.capture.Payload;
import dev.framescope.ui.MainWindowController;
import dev.framescope.ui.frame.FrameDetail;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/** Going to a frame: from a finding or a call, from a second on the time strip; and what a selected frame shows. */
final class FrameNavigation {

    private final TimelineModel timeline;
    private final TimelineView table;
    private final FilterBar filters;
    private final MainWindowController window;

    FrameNavigation(TimelineModel timeline, TimelineView table, FilterBar filters, MainWindowController window) {
        this.timeline = timeline;
        this.table = table;
        this.filters = filters;
        this.window = window;
    }

    /** Shows an event's frame: clears filters that hide it, selects and reveals it, opens the Frame tab. */
    void reveal(CaptureEvent event) {
        if (event instanceof FrameEvent f) {
            if (!table.shown().contains(f)) {
                filters.clear();
            }
            table.followProperty().set(false);
            table.getSelectionModel().select(f);
            table.scrollTo(f);
            show(DetailTab.FRAME);
        }
    }

    /** A click on the time strip: the first shown frame at or after that second, follow mode off. */
    void jumpToSecond(long second) {
        timeline.log().ifPresent(log -> {
            long target = log.nanoAnchor() + second * 1_000_000_000L;
            List<FrameEvent> shown = table.shown();
            int lo = 0;
            int hi = shown.size();
            while (lo < hi) {
                int m = (lo + hi) >>> 1;
                if (shown.get(m).nanos() < target) {
                    lo = m + 1;
                } else {
                    hi = m;
                }
            }
            if (lo < shown.size()) {
                table.followProperty().set(false);
                table.getSelectionModel().clearAndSelect(lo);
                table.scrollTo(lo);
            }
        });
    }

    /** The Frame tab's content for the selected frame (nothing selected: its empty state). */
    void showFrame(Optional<FrameEvent> selected) {
        selected.ifPresentOrElse(f -> window.frameDetail().show(new FrameDetail(timeline.frameNumber(f), f.dir().sender(), f.frame(),
                f.inflated().map(Payload::bytes), RelayBadge.ofFrame(timeline, f))), window.frameDetail()::clear);
    }

    /** Copies the selected frame's payload (inflated when compressed) as hex. */
    void copyPayload() {
        FrameEvent f = table.getSelectionModel().getSelectedItem();
        if (f != null) {
            ClipboardContent content = new ClipboardContent();
            content.putString(HexFormat.of().formatHex(f.inflated().orElse(f.payload()).bytes()));
            Clipboard.getSystemClipboard().setContent(content);
        }
    }

    /** Edit → Protobuf Schema for Connection…: the Frame tab's decoded view asks for the descriptor set. */
    void chooseSchema() {
        var payload = window.frameDetail().payloadView();
        show(DetailTab.FRAME);
        payload.getSelectionModel().select(payload.decodedTab());
        payload.decodedView().chooseSchema();
    }

    void show(DetailTab tab) {
        tab.select(window.detailTabs());
    }
}
