package dev.framescope.ui.live;

import dev.framescope.capture.CaptureLog;
import dev.framescope.capture.io.Exports;
import dev.framescope.capture.io.Har;
import dev.framescope.capture.io.Redactor;
import dev.framescope.capture.io.SessionReader;
import dev.framescope.capture.io.SessionFiles;
import dev.framescope.capture.io.SessionOutput;
import dev.framescope.ui.fx.Background;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.control.Alert;

/**
 * Open, save, export and import, each a background job on the window's executor: the status bar shows what runs
 * (with Cancel) and why it failed; the FX thread only adds the loaded connections and updates the recent list.
 */
public final class FileActions {

    private final SessionModel session;
    private final StatusModel status;
    private final Background background;
    private final RecentFiles recent;
    private final BooleanSupplier keepSecrets;
    private final Path formerRecent;
    private final Consumer<LiveConnection> select;
    private final Supplier<Optional<LiveConnection>> selectedNow;
    private final Loader loader;
    private final Runnable showMessages;
    private final Node owner;
    /** File jobs running now, and what waits for them all to end; FX thread. */
    private int running;
    private final List<Runnable> idle = new ArrayList<>();
    /** The recent list as last read or written, for Open Recent; FX thread. */
    private final ReadOnlyObjectWrapper<List<Path>> recentFiles = new ReadOnlyObjectWrapper<>(List.of());

    /**
     * @param formerRecent where an earlier version kept the recent list, read while this store has none
     * @param select       selects a connection just loaded
     * @param selectedNow  the connection selected now
     * @param loader       reads a session file ({@link SessionFiles#load} outside tests)
     * @param showMessages switches to the Messages view (a HAR holds messages, not frames)
     * @param owner        a node of the window, for the owner of a dialog
     */
    FileActions(SessionModel session, StatusModel status, Background background, RecentFiles recent,
                Path formerRecent, BooleanSupplier keepSecrets, Consumer<LiveConnection> select,
                Supplier<Optional<LiveConnection>> selectedNow, Loader loader, Runnable showMessages, Node owner) {
        this.formerRecent = formerRecent;
        this.select = select;
        this.selectedNow = selectedNow;
        this.loader = loader;
        this.showMessages = showMessages;
        this.owner = owner;
        this.session = session;
        this.status = status;
        this.background = background;
        this.recent = recent;
        this.keepSecrets = keepSecrets;
    }

    /** The recent files, newest first, as last read or written. */
    ReadOnlyObjectProperty<List<Path>> recentFiles() {
        return recentFiles.getReadOnlyProperty();
    }

    /** Reads the recent list (and an earlier version's, the first time) off the FX thread. */
    Background.Job loadRecent() {
        return run("Reading recent files", () -> {
            recent.load(formerRecent);
            return recent.files();
        }, recentFiles::set, e -> { });
    }

    /** Saves one connection as a session file (secrets redacted). */
    public Background.Job save(LiveConnection c, Path file) {
        CaptureLog log = c.log();
        int events = log.size();
        return run("Saving " + file.getFileName(), () -> {
            removedWhenCancelled(file, () -> {
                try (SessionOutput writer = SessionFiles.create(file, false)) {
                    writer.write(log, log.readFrom(0, events));
                }
            });
            return remembered(file);
        }, files -> {
            session.savedUpTo(c, events);
            recentFiles.set(files);
            status.notice("Saved " + c.name() + " to " + file.getFileName());
        }, e -> status.problem(FileProblem.describe("save", file, e)));
    }

    /** Writes one connection in the given format; secrets redacted unless File → Keep Secrets in Exports. */
    public Background.Job export(LiveConnection c, Path file, Exports.Format format) {
        boolean keep = keepSecrets.getAsBoolean();
        return run("Exporting " + file.getFileName(), () -> {
            removedWhenCancelled(file, () -> {
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
                    Exports.write(format, List.of(c.log()), keep, out);
                }
            });
            return file;
        }, done -> status.notice("Exported " + c.name() + " to " + file.getFileName() + " (" + format.description()
                + (keep ? ", secrets kept" : ", secrets redacted") + ")"),
                e -> status.problem(FileProblem.describe("export to", file, e)));
    }

    /** Writes text made on the FX thread (selected rows as JSON Lines or text) to a file. */
    public Background.Job write(Path file, String text) {
        return run("Exporting " + file.getFileName(), () -> {
            removedWhenCancelled(file, () -> Files.writeString(file, text));
            return file;
        }, done -> status.notice("Exported the selection to " + file.getFileName()),
                e -> status.problem(FileProblem.describe("export to", file, e)));
    }

    /** Reads a session file into logs, telling the listener as it goes: {@link SessionFiles#load} outside tests. */
    @FunctionalInterface
    public interface Loader {
        SessionReader.Loaded load(Path file, long payloadBudget, SessionFiles.LoadListener listener)
                throws IOException;
    }

    /**
     * A session file, or a HAR by its name. Each connection is listed (the first selected) as soon as the reader
     * meets it, and its rows come in while the rest loads, with a progress bar and Cancel; a load cancelled or
     * failed part-way keeps what it read, its connections named as partly loaded. Damaged records are listed.
     */
    public Background.Job open(Path file) {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".har")) {
            return importHar(file);
        }
        Loading loading = new Loading(file);
        return run("Opening " + file.getFileName(), loading::fraction, () -> {
            loading.size = Files.size(file);
            SessionReader.Loaded loaded = loader.load(file, SessionFiles.OPEN_BUDGET, loading);
            return new Read<>(loaded, remembered(file));
        }, read -> {
            SessionReader.Loaded loaded = read.value();
            recentFiles.set(read.recent());
            if (!loaded.problems().isEmpty()) {
                listProblems("Some lines could not be loaded", loaded.problems().stream().map(Object::toString)
                        .toList());
            }
        }, e -> {
            loading.stopped("the rest could not be read");
            status.problem(FileProblem.describe("open", file, e));
        }, () -> status.notice("Opening " + file.getFileName() + " cancelled at " + loading.percent() + "%: "
                + (loading.stopped("cancelled") ? "what was read is shown, marked partly loaded" : "nothing loaded")));
    }

    /** How far a load may run ahead of the window's reading of the log it shows (events), and how it waits. */
    static final int AHEAD = 131_072;
    private static final long PACE_NANOS = 1_000_000L;
    private static final long STALLED_NANOS = 5_000_000_000L;

    /** One file being opened: its connections listed so far (FX thread) and how far the reader is (any thread). */
    private final class Loading implements SessionFiles.LoadListener {
        private final Path file;
        private final List<LiveConnection> shown = new ArrayList<>();
        /** The logs the reader has started, in its thread. */
        private final List<CaptureLog> logs = new ArrayList<>();
        private volatile long size;
        private volatile long offset;
        /** Why the load stopped before the end, once it has; FX thread. */
        private Optional<String> stopped = Optional.empty();

        Loading(Path file) {
            this.file = file;
        }

        /** Reading thread: the log is listed on the FX thread, and its rows follow as the pump drains it. */
        @Override
        public void connection(CaptureLog log) {
            logs.add(log);
            background.ui().execute(() -> {
                LiveConnection c = session.add(file.getFileName() + " · " + Redactor.url(log.label(), log.secrets()),
                        log);
                shown.add(c);
                stopped.ifPresentOrElse(why -> markPartial(c, why), () -> {
                    if (shown.size() == 1) {
                        select.accept(c);
                    }
                });
            });
        }

        @Override
        public void position(long at) {
            offset = at;
            pace();
        }

        /**
         * Reading thread: stays within {@link #AHEAD} events of what the window has read of the log it shows. Further
         * ahead, the log would move to its spill file the events the window's views are about to read, and they would
         * read them back on the FX thread; the reader and the window would also fight for the cores. A window that
         * reads nothing for five seconds (its FX thread stuck) no longer holds the load back.
         */
        private void pace() {
            for (CaptureLog log : logs) {
                int read = log.readingAt();
                long stalledSince = System.nanoTime();
                while (read >= 0 && log.size() - read > AHEAD && System.nanoTime() - stalledSince < STALLED_NANOS
                        && !Thread.currentThread().isInterrupted()) {
                    LockSupport.parkNanos(PACE_NANOS);
                    int now = log.readingAt();
                    if (now != read) {
                        read = now;
                        stalledSince = System.nanoTime();
                    }
                }
            }
        }

        double fraction() {
            long total = size;
            return total <= 0 ? -1 : Math.min(1.0, (double) offset / total);
        }

        long percent() {
            return Math.round(Math.max(0, fraction()) * 100);
        }

        /** The load ended early: the connections read so far are named as partly loaded. Whether there were any. */
        boolean stopped(String why) {
            String label = "partly loaded, " + why + " at " + percent() + "%";
            stopped = Optional.of(label);
            List.copyOf(shown).forEach(c -> markPartial(c, label));
            return !shown.isEmpty();
        }

        private void markPartial(LiveConnection c, String label) {
            boolean selected = c.equals(selectedNow.get().orElse(null));
            LiveConnection renamed = session.rename(c, c.name() + " (" + label + ")");
            shown.set(shown.indexOf(c), renamed);
            if (selected) {
                select.accept(renamed);
            }
        }
    }

    /**
     * Adds one connection per WebSocket entry of the HAR. HAR keeps messages, not frames, so these connections show
     * in the Messages view, flagged as message-level; what could not be read is listed.
     */
    public Background.Job importHar(Path file) {
        return run("Importing " + file.getFileName(), () -> {
            Har.Imported imported;
            try (BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                imported = Har.read(in, SessionFiles.OPEN_BUDGET);
            }
            return new Read<>(imported, remembered(file));
        }, read -> {
            Har.Imported imported = read.value();
            if (add(file, imported.logs()).isPresent()) {
                showMessages.run();
            }
            recentFiles.set(read.recent());
            if (imported.logs().isEmpty() || !imported.problems().isEmpty()) {
                listProblems(imported.logs().isEmpty() ? "No WebSocket connections in " + file.getFileName()
                        : "Some entries could not be imported", imported.problems());
            }
        }, e -> status.problem(FileProblem.describe("import", file, e)));
    }

    private Optional<LiveConnection> add(Path file, List<CaptureLog> logs) {
        Optional<LiveConnection> first = Optional.empty();
        for (CaptureLog log : logs) {
            LiveConnection c = session.add(file.getFileName() + " · " + Redactor.url(log.label(), log.secrets()), log);
            first = first.or(() -> Optional.of(c));
        }
        first.ifPresent(select);
        return first;
    }

    /** What a file held, and the recent list with the file on top. */
    private record Read<T>(T value, List<Path> recent) {
    }

    /** Off the FX thread: the file goes to the top of the recent list. */
    private List<Path> remembered(Path file) {
        recent.add(file);
        return recent.files();
    }

    /** Writes a file. */
    private interface Writing {
        void run() throws IOException;
    }

    /** A write the user cancelled (its thread interrupted) leaves no partial file behind. */
    private static void removedWhenCancelled(Path file, Writing writing) throws IOException {
        try {
            writing.run();
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                Files.deleteIfExists(file);
            }
            throw e;
        }
    }

    /** Runs {@code then} once no file job is running (now, if none is); FX thread. */
    void whenIdle(Runnable then) {
        if (running == 0) {
            then.run();
        } else {
            idle.add(then);
        }
    }

    private void ended(StatusModel.Work shown) {
        shown.end();
        running--;
        if (running == 0) {
            List<Runnable> waiting = List.copyOf(idle);
            idle.clear();
            waiting.forEach(Runnable::run);
        }
    }

    private <T> Background.Job run(String what, Callable<T> work, Consumer<T> done, Consumer<Exception> failed) {
        return run(what, () -> -1, work, done, failed, () -> status.notice(what + ": cancelled"));
    }

    /** @param progress how far the work is, 0 to 1 (-1: cannot tell); asked on the FX thread once a pulse */
    private <T> Background.Job run(String what, DoubleSupplier progress, Callable<T> work, Consumer<T> done,
                                   Consumer<Exception> failed, Runnable cancelled) {
        StatusModel.Work shown = status.begin(what + "…");
        shown.progressFrom(progress);
        running++;
        Background.Job job = background.submit(work, new Background.Outcome<T>() {
            @Override
            public void succeeded(T value) {
                done.accept(value);
                ended(shown);
            }

            @Override
            public void failed(Exception problem) {
                failed.accept(problem);
                ended(shown);
            }

            @Override
            public void cancelled() {
                cancelled.run();
                ended(shown);
            }
        });
        shown.cancelWith(job);
        return job;
    }

    private void listProblems(String header, List<String> problems) {
        status.problem(header + " (" + problems.size() + ")");
        Alert a = new Alert(Alert.AlertType.WARNING);
        a.initOwner(owner.getScene().getWindow());
        a.setHeaderText(header);
        a.setContentText(problems.stream().limit(20).collect(Collectors.joining("\n")));
        a.show();
    }
}
