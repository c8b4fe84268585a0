package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.framescope.testutil.Await;
import dev.framescope.wire.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Labels are words: walks the scene graph of every connection, every detail tab, the Messages view, the menus and
 * the dialogs, and fails on visible text that is the name of one of our enum constants. Allowed: the protocol's own
 * words (the opcode badges TEXT, BINARY, PING, PONG, CLOSE, CONT; the header bits FIN, RSV1-3, MASK), acronyms that
 * are words (JSON, DNS, TCP, TLS, HAR, and the OK button) and the violation catalogue's rule ids, which are ids by design. What a peer or the
 * user wrote (payloads, text fields, decoded trees) is data, not a label, and is not checked.
 */
@ExtendWith(ApplicationExtension.class)
class EnumNameGuardTest {

    private static final Set<String> ALLOWED = Set.of("TEXT", "BINARY", "PING", "PONG", "CLOSE", "CONT", "FIN",
            "RSV1", "RSV2", "RSV3", "MASK", "JSON", "DNS", "TCP", "TLS", "HAR", "OK");
    private static final Set<String> DATA_COLUMNS = Set.of("Payload", "Content", "Violations");
    private static final Pattern WORD = Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*\\b");

    @RegisterExtension
    final LiveWindowHarness harness = new LiveWindowHarness();

    @Start
    void start(Stage stage) throws InterruptedException {
        harness.start(stage);
        harness.openDemo();
    }

    /** Every constant name of every enum in our classes. */
    private static Set<String> enumNames() throws IOException {
        Path classes = Path.of("target", "classes");
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes.resolve("dev"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                try {
                    Class<?> c = Class.forName(name, false, EnumNameGuardTest.class.getClassLoader());
                    if (c.isEnum()) {
                        Arrays.stream(c.getEnumConstants()).map(e -> ((Enum<?>) e).name()).forEach(names::add);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    // A class that cannot load here holds no enum the window shows.
                }
            }
        }
        Arrays.stream(Violation.values()).map(Violation::name).forEach(names::remove);
        names.removeAll(ALLOWED);
        return names;
    }

    /** Visible texts under {@code root}: labels, tooltips, tab titles, and the items choice boxes offer. */
    private static void collect(Node root, String where, List<String> out) {
        if (!root.isVisible()) {
            return;
        }
        if (root instanceof TableCell<?, ?> cell && cell.getTableColumn() != null
                && DATA_COLUMNS.contains(cell.getTableColumn().getText())) {
            return;
        }
        if (root instanceof TextInputControl || root.getStyleClass().contains("tree-view")) {
            return;
        }
        if (root instanceof Labeled l && l.getText() != null) {
            out.add(where + ": " + l.getText());
        }
        if (root instanceof Control c && c.getTooltip() != null) {
            out.add(where + " tooltip: " + c.getTooltip().getText());
        }
        if (root instanceof ChoiceBox<?> box) {
            choices(box, where, out);
        }
        if (root instanceof ComboBox<?> box && box.getConverter() != null) {
            comboChoices(box, where, out);
        }
        if (root instanceof TabPane tabs) {
            tabs.getTabs().stream().map(Tab::getText).forEach(t -> out.add(where + " tab: " + t));
        }
        if (root instanceof MenuBar bar) {
            bar.getMenus().forEach(m -> menu(m, where, out));
        }
        if (root instanceof Control c && c.getContextMenu() != null) {
            c.getContextMenu().getItems().forEach(i -> menu(i, where + " menu", out));
        }
        if (root instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(child -> collect(child, where, out));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void choices(ChoiceBox<T> box, String where, List<String> out) {
        box.getItems().forEach(item -> out.add(where + " choice: " + (box.getConverter() == null
                ? String.valueOf(item) : box.getConverter().toString(item))));
    }

    private static <T> void comboChoices(ComboBox<T> box, String where, List<String> out) {
        box.getItems().forEach(item -> out.add(where + " choice: " + box.getConverter().toString(item)));
    }

    private static void menu(MenuItem item, String where, List<String> out) {
        out.add(where + " menu: " + item.getText());
        if (item instanceof Menu m) {
            m.getItems().forEach(i -> menu(i, where, out));
        }
    }

    private static List<String> offending(List<String> texts, Set<String> names) {
        List<String> bad = new ArrayList<>();
        for (String t : texts) {
            String text = t.substring(t.indexOf(": ") + 2);
            Matcher m = WORD.matcher(text);
            while (m.find()) {
                if (names.contains(m.group())) {
                    bad.add(t + "   ← " + m.group());
                }
            }
        }
        return bad;
    }

    @Test
    void noTabOrDialogShowsAnEnumConstantName(FxRobot robot) throws Exception {
        Set<String> names = enumNames();
        List<String> texts = new ArrayList<>();
        Await.until(Duration.ofSeconds(15), () -> harness.connections().size() >= 4
                && harness.live.table().getItems().size() >= 3, "the demo's frames");
        for (LiveConnection c : List.copyOf(harness.session.connections())) {
            robot.interact(() -> {
                harness.live.select(c);
                if (!harness.live.table().getItems().isEmpty()) {
                    harness.live.table().getSelectionModel().select(0);
                }
            });
            for (Tab tab : List.copyOf(harness.window.controller().detailTabs().getTabs())) {
                robot.interact(() -> harness.window.controller().detailTabs().getSelectionModel().select(tab));
                robot.interact(() -> collect(harness.window.scene().getRoot(), c.name() + "/" + tab.getText(),
                        texts));
            }
            robot.interact(() -> harness.live.showMessages(true));
            robot.interact(() -> collect(harness.window.scene().getRoot(), c.name() + "/messages", texts));
            robot.interact(() -> harness.live.showMessages(false));
        }
        texts.addAll(dialogTexts(robot));
        assertEquals(List.of(), offending(texts, names), texts.size() + " texts checked");
    }

    /** The New connection dialog (both tabs, every auth kind) and Edit → Environments…. */
    private List<String> dialogTexts(FxRobot robot) {
        List<String> texts = new ArrayList<>();
        ConnectionDialog[] dialog = new ConnectionDialog[1];
        robot.interact(() -> dialog[0] = harness.live.actions().connectionDialog());
        Platform.runLater(() -> dialog[0].showAndWait());
        Await.until(() -> dialog[0].dialogPane().getScene() != null
                && dialog[0].dialogPane().getScene().getWindow().isShowing(), "the connection dialog");
        for (Tab tab : List.copyOf(dialog[0].tabPane().getTabs())) {
            robot.interact(() -> dialog[0].tabPane().getSelectionModel().select(tab));
            for (AuthSection.Kind kind : AuthSection.Kind.values()) {
                robot.interact(() -> dialog[0].authSection().kindChoice().setValue(kind));
                robot.interact(() -> collect(dialog[0].dialogPane(), "dialog/" + tab.getText() + "/" + kind.label(),
                        texts));
            }
        }
        robot.interact(() -> ((Button) dialog[0].dialogPane().lookupButton(ButtonType.CANCEL)).fire());
        EnvironmentsDialog[] envs = new EnvironmentsDialog[1];
        robot.interact(() -> envs[0] = harness.live.actions().editEnvironments());
        Await.until(() -> envs[0].dialog().getDialogPane().getScene() != null, "the environments dialog");
        robot.interact(() -> collect(envs[0].dialog().getDialogPane(), "environments", texts));
        robot.interact(() -> ((Button) envs[0].dialog().getDialogPane().lookupButton(ButtonType.CANCEL)).fire());
        return texts;
    }
}
