// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// Optional hook a contract recipient can opt into (ERC-777 style "tokensReceived").
/// It exists so payouts are tested against a payee that re-enters.
interface IEnergyReceiver {
    function onEnergyReceived(address from, uint256 amount) external;
}

/// ENERGY: the ERC-20 spent and burned by training. Minted by the admin (the game treasury);
/// burned by holders (the ledger burns finalised checkpoint costs). totalMinted and totalBurned
/// are tracked so conservation can be checked: totalSupply + totalBurned == totalMinted.
contract Energy {
    error NotAdmin(address caller);
    error InsufficientBalance(address account, uint256 balance, uint256 needed);
    error InsufficientAllowance(address owner, address spender, uint256 allowance, uint256 needed);
    error ZeroAddress();

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    string public constant name = "ChainBeasts Energy";
    string public constant symbol = "ENERGY";
    uint8 public constant decimals = 18;

    address public immutable admin;
    uint256 public totalSupply;
    uint256 public totalMinted;
    uint256 public totalBurned;
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;
    mapping(address => bool) public wantsReceiveHook;

    constructor() {
        admin = msg.sender;
    }

    function mint(address to, uint256 amount) external {
        if (msg.sender != admin) revert NotAdmin(msg.sender);
        if (to == address(0)) revert ZeroAddress();
        totalSupply += amount;
        totalMinted += amount;
        balanceOf[to] += amount;
        emit Transfer(address(0), to, amount);
    }

    function burn(uint256 amount) external {
        uint256 b = balanceOf[msg.sender];
        if (b < amount) revert InsufficientBalance(msg.sender, b, amount);
        unchecked {
            balanceOf[msg.sender] = b - amount;
            totalSupply -= amount;
        }
        totalBurned += amount;
        emit Transfer(msg.sender, address(0), amount);
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    /// A contract opts in to be called back on every incoming transfer.
    function setReceiveHook(bool on) external {
        wantsReceiveHook[msg.sender] = on;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        _move(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 a = allowance[from][msg.sender];
        if (a != type(uint256).max) {
            if (a < amount) revert InsufficientAllowance(from, msg.sender, a, amount);
            unchecked { allowance[from][msg.sender] = a - amount; }
        }
        _move(from, to, amount);
        return true;
    }

    function _move(address from, address to, uint256 amount) private {
        if (to == address(0)) revert ZeroAddress();
        uint256 b = balanceOf[from];
        if (b < amount) revert InsufficientBalance(from, b, amount);
        unchecked {
            balanceOf[from] = b - amount;
            balanceOf[to] += amount;
        }
        emit Transfer(from, to, amount);
        if (wantsReceiveHook[to]) IEnergyReceiver(to).onEnergyReceived(from, amount);
    }
}
