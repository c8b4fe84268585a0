package dev.framescope.ui.live;

import dev.framescope.demo.DemoScenario;
import dev.framescope.engine.ConnectionSpec;
import dev.framescope.engine.HeartbeatPolicy;
import dev.framescope.ui.fx.FxPump;
import java.time.Duration;
import java.util.List;

/**
 * The demo a new window opens: the built-in endpoint's ticker, an echo with permessage-deflate and a heartbeat, the
 * chaos scenario (violations) and JSON-RPC calls. For load runs (scripts/gui-bench.sh) only tickers, so sent and
 * captured compare exactly.
 */
public final class DemoConnections {

    private static final List<String> JSON_RPC_CALLS = List.of(
            "{\"jsonrpc\":\"2.0\",\"method\":\"subtract\",\"params\":[42,23],\"id\":1}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"slow\",\"params\":{\"ms\":400},\"id\":2}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"fail\",\"id\":3}",
            "[{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,2,3],\"id\":4},"
                    + "{\"jsonrpc\":\"2.0\",\"method\":\"nope\",\"id\":5}]");

    /** Repetitive enough that the Extensions tab shows compressed against inflated sizes from the start. */
    private static final String ECHO_GREETING = "{\"subscribe\":[\"prices\",\"prices.eur\",\"prices.usd\","
            + "\"prices.gbp\"],\"depth\":10,\"snapshot\":true,\"note\":\"hello from the Framescope demo\"}";

    private final SessionModel session;
    private final FxPump pump;

    public DemoConnections(SessionModel session, FxPump pump) {
        this.session = session;
        this.pump = pump;
    }

    /**
     * Opens the demo and returns the ticker, for the window to select.
     *
     * @param tickerRate messages per second of each ticker
     * @param tickers    how many tickers; more than one opens tickers only
     */
    public LiveConnection open(int tickerRate, int tickers) throws InterruptedException {
        String tickerUrl = session.demoUrl(DemoScenario.TICKER.path("rate=" + tickerRate));
        LiveConnection ticker = session.open("demo ticker", ConnectionSpec.to(tickerUrl));
        if (tickers > 1) {
            for (int i = 2; i <= tickers; i++) {
                session.open("demo ticker " + i, ConnectionSpec.to(tickerUrl));
            }
            return ticker;
        }
        sendWhenOpen(session.open("demo echo (deflate)", ConnectionSpec.to(session.demoUrl(DemoScenario.ECHO.path()))
                .withExtensionOffers(List.of("permessage-deflate; client_max_window_bits"))
                .withHeartbeat(HeartbeatPolicy.every(Duration.ofSeconds(1)))), List.of(ECHO_GREETING));
        session.open("demo chaos (violations)", ConnectionSpec.to(session.demoUrl(DemoScenario.CHAOS.path())));
        String jsonRpcUrl = session.demoUrl(DemoScenario.JSONRPC.path("notify=5000"));
        sendWhenOpen(session.open("demo JSON-RPC", ConnectionSpec.to(jsonRpcUrl)),
                JSON_RPC_CALLS);
        return ticker;
    }

    /** Sends a few messages once the connection is open (checked on the pulse), so the demo has calls to show. */
    private void sendWhenOpen(LiveConnection live, List<String> messages) {
        pump.registerUntilDone(now -> live.connection().map(c -> switch (c.state()) {
            case OPEN -> {
                messages.forEach(c::sendText);
                yield true;
            }
            case CLOSING, CLOSED, FAILED -> true;
            default -> false;
        }).orElse(true));
    }
}
