package dev.framescope.ui.live;

import dev.framescope.capture.io.SessionFiles;
import dev.framescope.ui.fx.Background;
import dev.framescope.ui.fx.FxPump;
import java.nio.file.Path;

/**
 * What a {@link LiveWindow} is given: the pump, the one background executor, the config dir, an earlier version's
 * home (recent files) and what reads session files (tests hold a load part-way).
 */
public record WindowServices(FxPump pump, Background background, Path configDir, Path formerHome,
                             FileActions.Loader loader) {

    public WindowServices(FxPump pump, Background background, Path configDir, Path formerHome) {
        this(pump, background, configDir, formerHome, SessionFiles::load);
    }
}
