/** Picks the screen for the current route once the app is running. */
import { useRoute } from './router.ts';
import { Home } from './screens/Home.tsx';
import { Contacts } from './screens/Contacts.tsx';
import { Guidance } from './screens/Guidance.tsx';
import { Register } from './screens/Register.tsx';
import { Settings } from './screens/Settings.tsx';
import { Help } from './screens/Help.tsx';
import { LegalScreen, LicencesScreen } from './screens/Legal.tsx';

/** The screen named by the location hash. */
export function Screens() {
  const route = useRoute();
  switch (route.name) {
    case 'contacts':
      return <Contacts />;
    case 'guidance':
      return <Guidance />;
    case 'register':
      return (
        <Register
          key={route.params.get('number') ?? ''}
          prefilledNumber={route.params.get('number')}
        />
      );
    case 'settings':
      return <Settings />;
    case 'help':
      return <Help />;
    case 'terms':
    case 'privacy':
      return <LegalScreen kind={route.name} />;
    case 'licences':
      return <LicencesScreen />;
    default:
      return <Home />;
  }
}
