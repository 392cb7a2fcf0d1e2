from inkoopcheck.cli import main

main()
