package io.chainbeasts.cli;

import picocli.CommandLine.Option;

/**
 * How a recording's rows are chosen (a picocli mixin of {@code dataset record} and {@code bench --coaching}): whose
 * battles give the boards, how close the fighters must stand, how often a decisive board is written. SPEC.md §12
 * "Coaching data" says what each one measured.
 */
final class CoachDataOptions {
    @Option(names = "--boards-from", paramLabel = "SPEC", description = "play the battles with this fighter (a beast DIR, DIR@W or a "
            + "policy) and record what the coach does on its boards (default: the coach's own battles)")
    String boardsFrom;

    @Option(names = "--max-distance", paramLabel = "N", defaultValue = "0",
            description = "keep only boards where the fighters stand at most N steps apart, Manhattan (default 0: every board)")
    int maxDistance;

    @Option(names = "--decisive-copies", paramLabel = "K", defaultValue = "1",
            description = "write a decisive board (the teacher's best and worst actions half a win apart) K times, 1.."
                    + DemonstrationRecorder.MAX_COPIES + " (default ${DEFAULT-VALUE})")
    int decisiveCopies;

    @Option(names = "--only-disagreements", description = "keep the coach's action only where the teacher (the kernel's labels) would "
            + "choose another, elsewhere write the board alone, which the kernel's teacher labels on every head; with --boards-from, "
            + "keep only the boards where the player's action is not the coach's (its mistakes)")
    boolean onlyDisagreements;

    /** The recording plan; a bad value is one {@link UserError} naming its option. */
    DemonstrationRecorder.Plan plan(PolicySpec coach, PolicySpec vs, int battles, long first) {
        PolicySpec player = boardsFrom == null ? null : PolicySpec.parse("--boards-from", boardsFrom);
        return new DemonstrationRecorder.Plan(coach, vs, battles, first, player, maxDistance, decisiveCopies, onlyDisagreements);
    }
}
