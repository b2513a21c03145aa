package io.chainbeasts.curriculum;

import io.chainbeasts.combat.Dir;

/**
 * The rules' answer for one board: the optimal first move (a {@link Dir}, or {@link Dir#NONE}
 * when already adjacent or unreachable: no move training then), the attack power 0..15, and the
 * block flag 0/1.
 */
public record Label(int move, int power, int block) {
    public boolean hasMove() {
        return move != Dir.NONE;
    }
}
