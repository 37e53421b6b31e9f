package dev.hark.core.spectrogram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hark.core.frontend.LogMel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The axes' pixel mappings, checked against positions worked out from the mel formula by hand. */
class SpectrogramLayoutTest {
    @Test
    void bandCentresSitAtHalfBandPositions() {
        for (int k = 0; k < 64; k++) {
            assertEquals(k + 0.5, MelAxis.bandPosition(MelAxis.centreHz(k)), 1e-9, "band " + k);
            assertEquals(MelAxis.centreHz(k), MelAxis.hzAt(k + 0.5), 1e-6);
        }
    }

    @Test
    void hzTickLandsWhereTheMelFormulaPutsIt() {
        SpectrogramLayout l = new SpectrogramLayout(498, 0, 0);
        double lowMel = 1127 * Math.log(1 + 125 / 700.0);
        double step = (1127 * Math.log(1 + 7500 / 700.0) - lowMel) / 65;
        double band1k = (1127 * Math.log(1 + 1000 / 700.0) - lowMel) / step - 0.5; // about 20.0
        assertEquals(band1k, MelAxis.bandPosition(1000), 1e-9);
        assertEquals(l.plotBottom() - 5 * band1k, l.yForHz(1000), 1e-9);
        assertEquals(1000.0, MelAxis.hzAt(MelAxis.bandPosition(1000)), 1e-9);
        // a pixel row shows the band the mapping puts there
        int y = (int) Math.floor(l.yForHz(MelAxis.centreHz(20)));
        assertEquals(20, l.bandAtPixel(y));
        assertEquals(0, l.bandAtPixel(l.plotBottom() - 1));
        assertEquals(63, l.bandAtPixel(l.top()));
        assertEquals(-1, l.bandAtPixel(l.plotBottom()));
        assertEquals(1234.5, MelAxis.hz(LogMel.hertzToMel(1234.5)), 1e-9); // the inverse of the front end's own mel
    }

    @Test
    void secondsMapLinearlyOverTheFrames() {
        SpectrogramLayout l = new SpectrogramLayout(500, 0, 0); // 5.00 s
        assertEquals(l.left(), l.xForSeconds(0), 1e-9);
        assertEquals(l.left() + 200.0, l.xForSeconds(1.0), 1e-9);
        assertEquals(l.left() + 1000.0, l.xForSeconds(5.0), 1e-9);
        assertEquals(l.xForSeconds(2.5), l.xForFrame(250), 1e-9);
        assertEquals(0, l.frameAtPixel(l.left()));
        assertEquals(1, l.frameAtPixel(l.left() + 2));
        assertEquals(499, l.frameAtPixel(l.left() + 999));
        assertEquals(-1, l.frameAtPixel(l.left() + 1000));
    }

    @Test
    void ticksAreRoundAndInside() {
        assertEquals(0.5, Ticks.secondsStep(5.0, 10));
        assertEquals(5.0, Ticks.secondsStep(30.0, 10));
        assertEquals(600.0, Ticks.secondsStep(3600.0, 10));
        assertEquals(List.of(0.0, 5.0, 10.0, 15.0, 20.0, 25.0, 30.0), Ticks.seconds(30.02, 5));
        assertEquals(List.of(250.0, 500.0, 1000.0, 2000.0, 4000.0, 7000.0), Ticks.hz());
        assertEquals("1:30", Ticks.secondsLabel(90, 60));
        assertEquals("2.5", Ticks.secondsLabel(2.5, 0.5));
        assertEquals("7k", Ticks.hzLabel(7000));
    }

    @Test
    void timelineRowsAddHeight() {
        SpectrogramLayout none = new SpectrogramLayout(100, 0, 0);
        SpectrogramLayout three = new SpectrogramLayout(100, 3, 300);
        assertEquals(3 * SpectrogramLayout.ROW_HEIGHT + SpectrogramLayout.TIMELINE_GAP, three.height() - none.height());
        assertEquals(316, three.left());
        assertEquals(316 + 1000 + SpectrogramLayout.RIGHT, three.width());
    }
}
