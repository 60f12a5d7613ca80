package dev.oolong.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The engine core's layers, checked on its bytecode (a test fails on the first import against
 * them, naming it). From the bottom:
 *
 * <ol>
 *   <li><b>base</b>: {@code dev.oolong} (errors, constants) and {@code util};
 *   <li><b>media</b>: {@code media} (formats, colour, time scales) and {@code codec} (bitstream
 *       headers);
 *   <li><b>io</b>: {@code upstream} (data sources);
 *   <li><b>extraction</b>: {@code extractor} (containers) and {@code timeline};
 *   <li><b>streaming</b>: {@code manifest} (playlists, segments as one input, their seek map) and
 *       {@code abr} (rendition choice);
 *   <li><b>playback parts</b>: {@code decoder}, {@code audio}, {@code sync}, {@code render};
 *   <li><b>player</b>: {@code player} (the state machine and the one pipeline every path builds);
 *   <li><b>players and tools</b>: {@code canvas}, {@code probe}, {@code protocol}, {@code codegen},
 *       {@code tools}.
 * </ol>
 * A layer uses only layers below it; no two packages depend on each other, however indirectly;
 * and the core stays free of browser bindings (TeaVM's JSO lives in the engine only), so all of
 * it runs and is tested on the JVM.
 */
class LayeringTest {
  static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.oolong");

  @Test
  void eachLayerUsesOnlyTheLayersBelowIt() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("base").definedBy("dev.oolong", "dev.oolong.util..")
        .layer("media").definedBy("dev.oolong.media..", "dev.oolong.codec..")
        .layer("io").definedBy("dev.oolong.upstream..")
        .layer("extraction").definedBy("dev.oolong.extractor..", "dev.oolong.timeline..")
        .layer("streaming").definedBy("dev.oolong.manifest..", "dev.oolong.abr..")
        .layer("parts").definedBy("dev.oolong.decoder..", "dev.oolong.audio..", "dev.oolong.sync..",
            "dev.oolong.render..")
        .layer("player").definedBy("dev.oolong.player..")
        .layer("players").definedBy("dev.oolong.canvas..", "dev.oolong.probe..", "dev.oolong.protocol..",
            "dev.oolong.codegen..", "dev.oolong.tools..")
        .whereLayer("players").mayNotBeAccessedByAnyLayer()
        .whereLayer("player").mayOnlyBeAccessedByLayers("players")
        .whereLayer("parts").mayOnlyBeAccessedByLayers("player", "players")
        .whereLayer("streaming").mayOnlyBeAccessedByLayers("player", "players")
        .whereLayer("extraction").mayOnlyBeAccessedByLayers("streaming", "parts", "player", "players")
        .whereLayer("io").mayOnlyBeAccessedByLayers("extraction", "streaming", "parts", "player", "players")
        .whereLayer("media").mayOnlyBeAccessedByLayers("extraction", "streaming", "parts", "player", "players")
        .check(CORE);
  }

  @Test
  void noPackageCycles() {
    slices().matching("dev.oolong.(*)..").should().beFreeOfCycles().check(CORE);
  }

  @Test
  void utilitiesDependOnNothingOfTheEngine() {
    noClasses().that().resideInAPackage("dev.oolong.util..").should().dependOnClassesThat()
        .resideInAPackage("dev.oolong").check(CORE);
  }

  @Test
  void extractorsNeverReachForPlayerOrOutputCode() {
    noClasses().that().resideInAnyPackage("dev.oolong.extractor..", "dev.oolong.timeline..").should()
        .dependOnClassesThat().resideInAnyPackage("dev.oolong.decoder..", "dev.oolong.audio..",
            "dev.oolong.sync..", "dev.oolong.render..", "dev.oolong.player..", "dev.oolong.canvas..",
            "dev.oolong.protocol..")
        .check(CORE);
  }

  @Test
  void theCoreHasNoBrowserBindings() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("org.teavm..").check(CORE);
  }
}
