from corpus_tui.cli import main

raise SystemExit(main())
