from inkoopcheck.entry import main

main()
