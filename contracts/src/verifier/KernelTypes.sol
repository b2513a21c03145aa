// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

// The kernel v2 values the one-step verifier passes around, and its named errors. Fighters are packed into one
// uint256 holding their 9 canonical bytes (combat/Fighter: u8 x, u8 y, u16 hp, u8 stamina, u8 attack, u8 defense,
// u8 tempDef, u8 lastAction), so a "with" copy is a value, never an aliased memory struct.

/// combat/SeasonConstants, the 21 u16 fields in encoding order.
struct Season {
    uint256 arenaWidth; uint256 arenaHeight; uint256 wallPer256; uint256 hazardPer256; uint256 maxHp; uint256 maxStamina;
    uint256 actionStaminaCost; uint256 hazardStaminaCost; uint256 recoverStamina; uint256 blockBonus; uint256 blockCap;
    uint256 damageScale; uint256 maxPower; uint256 critPer256; uint256 critMultiplier; uint256 maxTurns;
    uint256 blockThreatScale; uint256 disengageStaminaCost; uint256 closingTurn; uint256 closingInterval; uint256 closingDamage;
}

/// curriculum/TrainingConstants.
struct Training {
    uint256 stepsPerEpoch; uint8[16] lrShiftByEpoch; uint256 powerEpoch; uint256 blockEpoch; uint256 baseStepCost; uint256 growthSlotCost;
}

/// engine-kernel/WindowContext (decoded), with its hash.
struct Context {
    Season season; Training training; bytes32 epochSeed; bytes32 checkpointRoot; bytes32 datasetCommitment;
    bytes32 realPoolCommitment; uint256 growthSlot; bytes32 hash;
}

/// combat/Arena: row-major tile codes (FLOOR 0, WALL 1, HAZARD 2).
struct Arena { uint256 width; uint256 height; bytes tiles; }

/// combat/Board: the arena, self, enemy (packed fighters) and the battle turn.
struct Board { Arena arena; uint256 self; uint256 enemy; uint256 turn; }

/// curriculum/Label (NONE = 255 in a head it does not train).
struct Label { uint256 move; uint256 power; uint256 blockFlag; uint256 weightShift; }

error StepOutOfRange(uint8 k);
error StateLength(uint256 got, uint256 expected);
error StateMagic();
error StateVersion(uint8 version);
error StateShape(uint8 nIn, uint8 hidden, uint8 nOut);
error StateActiveMask(uint32 activeMask);
error StateLrShift(uint8 lrShift);
error ContextLength(uint256 got, uint256 expected);
error ContextMagic();
error ContextVersion(uint8 version);
/// field: the index of the SeasonConstants field (0 = arenaWidth ... 20 = closingDamage).
error SeasonConstantOutOfRange(uint8 field, uint256 value);
/// field: 0 stepsPerEpoch, 1 lrShiftByEpoch, 2 baseStepCost, 3 growthSlotCost.
error TrainingConstantOutOfRange(uint8 field, uint256 value);
error GrowthSlotInvalid(uint8 slot);
error GrowthSlotAlreadyLive(uint8 slot, uint32 activeMask);
error UnsupportedSource(uint8 source);
error UnexpectedWitness(uint256 length);
error WitnessMalformed(uint256 length);
error PoolCommitmentMismatch(bytes32 got, bytes32 expected);
/// The real-battle witness opens pool board index, the step drew board drawn.
error PoolBoardMismatch(uint256 index, uint256 drawn);
error BoardMalformed();
error InvalidBattleState();
error ArenaHasFewerThanTwoOpenCells();
