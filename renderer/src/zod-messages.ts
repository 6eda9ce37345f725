import { z } from 'zod';
import { en } from 'zod/locales';

// zod installs its English messages as an import side effect, and declares itself free of side
// effects, so the bundler drops that call and every issue reads "Invalid input". Installed here
// explicitly, once, before any form validates.
z.config(en());
