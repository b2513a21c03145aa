// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

interface IERC721Receiver {
    function onERC721Received(address operator, address from, uint256 tokenId, bytes calldata data) external returns (bytes4);
}

/// Beasts as ERC-721 tokens. hatch() stores immutable hatch metadata: seedCore (the 64-bit seed of
/// the beast's initial weights and PRNG), cDataset = keccak256(stored zstd bytes of the private
/// coaching dataset) (0 = no private curriculum), and ownerSecretCommitment =
/// keccak256(abi.encodePacked(bytes32 S_owner)). The secret itself never goes on chain until a
/// dispute forces its reveal.
contract BeastNFT {
    error NotOwnerNorApproved(address caller, uint256 tokenId);
    error NoSuchBeast(uint256 tokenId);
    error WrongFrom(address from, address owner);
    error ZeroAddress();
    error UnsafeRecipient(address to);
    error HalfPrivateCommitment(bytes32 cDataset, bytes32 ownerSecretCommitment);

    event Transfer(address indexed from, address indexed to, uint256 indexed tokenId);
    event Approval(address indexed owner, address indexed approved, uint256 indexed tokenId);
    event ApprovalForAll(address indexed owner, address indexed operator, bool approved);
    event Hatched(uint256 indexed beastId, address indexed owner, uint64 seedCore, bytes32 cDataset, bytes32 ownerSecretCommitment);
    event RecordsCommitted(uint256 indexed beastId, bytes32 recordsRoot);
    error HalfRecordsCommitment(bytes32 datasetCommitment, bytes32 recordsRoot);

    string public constant name = "ChainBeasts";
    string public constant symbol = "BEAST";

    /// owner (160) | seedCore (64) | hatchedAt (32): one slot.
    struct Core {
        address owner;
        uint64 seedCore;
        uint32 hatchedAt;
    }

    uint256 public totalHatched;
    mapping(uint256 => Core) private cores;
    mapping(uint256 => bytes32) public cDataset;
    mapping(uint256 => bytes32) public ownerSecretCommitment;
    /// R_dataset (spec/datasets.md "Records commitment"): the Merkle root over the private dataset's samples, committed
    /// beside C_dataset so that a disputed private window reveals only the samples it drew, each with its path.
    mapping(uint256 => bytes32) public recordsRoot;
    mapping(address => uint256) public balanceOf;
    mapping(uint256 => address) public getApproved;
    mapping(address => mapping(address => bool)) public isApprovedForAll;

    /// Ids start at 1 so that 0 means "no beast". A private beast commits both the dataset and S_owner (a dispute
    /// needs both revealed); a public one neither: one without the other could never be revealed.
    function hatch(uint64 seed, bytes32 datasetCommitment, bytes32 secretCommitment) public returns (uint256 id) {
        if ((datasetCommitment == bytes32(0)) != (secretCommitment == bytes32(0))) revert HalfPrivateCommitment(datasetCommitment, secretCommitment);
        unchecked { id = ++totalHatched; }
        cores[id] = Core(msg.sender, seed, uint32(block.timestamp));
        if (datasetCommitment != bytes32(0)) cDataset[id] = datasetCommitment;
        if (secretCommitment != bytes32(0)) ownerSecretCommitment[id] = secretCommitment;
        unchecked { balanceOf[msg.sender]++; }
        emit Transfer(address(0), msg.sender, id);
        emit Hatched(id, msg.sender, seed, datasetCommitment, secretCommitment);
    }

    /// A private beast with its records commitment R_dataset (the dispute game needs it for a private window).
    function hatchPrivate(uint64 seed, bytes32 datasetCommitment, bytes32 records, bytes32 secretCommitment) external returns (uint256 id) {
        if ((datasetCommitment == bytes32(0)) != (records == bytes32(0))) revert HalfRecordsCommitment(datasetCommitment, records);
        id = hatch(seed, datasetCommitment, secretCommitment);
        if (records != bytes32(0)) {
            recordsRoot[id] = records;
            emit RecordsCommitted(id, records);
        }
    }

    function ownerOf(uint256 id) public view returns (address o) {
        o = cores[id].owner;
        if (o == address(0)) revert NoSuchBeast(id);
    }

    function seedCore(uint256 id) external view returns (uint64) {
        ownerOf(id);
        return cores[id].seedCore;
    }

    function hatchedAt(uint256 id) external view returns (uint32) {
        ownerOf(id);
        return cores[id].hatchedAt;
    }

    function approve(address to, uint256 id) external {
        address o = ownerOf(id);
        if (msg.sender != o && !isApprovedForAll[o][msg.sender]) revert NotOwnerNorApproved(msg.sender, id);
        getApproved[id] = to;
        emit Approval(o, to, id);
    }

    function setApprovalForAll(address operator, bool approved) external {
        isApprovedForAll[msg.sender][operator] = approved;
        emit ApprovalForAll(msg.sender, operator, approved);
    }

    function transferFrom(address from, address to, uint256 id) public {
        address o = ownerOf(id);
        if (o != from) revert WrongFrom(from, o);
        if (to == address(0)) revert ZeroAddress();
        if (msg.sender != o && !isApprovedForAll[o][msg.sender] && getApproved[id] != msg.sender) {
            revert NotOwnerNorApproved(msg.sender, id);
        }
        delete getApproved[id];
        unchecked {
            balanceOf[from]--;
            balanceOf[to]++;
        }
        cores[id].owner = to;
        emit Transfer(from, to, id);
    }

    function safeTransferFrom(address from, address to, uint256 id) external {
        safeTransferFrom(from, to, id, "");
    }

    function safeTransferFrom(address from, address to, uint256 id, bytes memory data) public {
        transferFrom(from, to, id);
        if (to.code.length != 0 && IERC721Receiver(to).onERC721Received(msg.sender, from, id, data) != IERC721Receiver.onERC721Received.selector) {
            revert UnsafeRecipient(to);
        }
    }

    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == 0x01ffc9a7 || interfaceId == 0x80ac58cd || interfaceId == 0x5b5e139f;
    }
}
